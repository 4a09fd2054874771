using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>A board for a member: the participant view, with the facilitator's controls for facilitators.</summary>
public sealed class BoardModel(IGrainFactory grains) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public Role Role { get; private set; }

    /// <summary>Who is looking, so the page offers edit and withdraw on their own topics.</summary>
    public string ParticipantId { get; private set; } = "";

    /// <summary>The ES modules board.js imports, directly or not (see the modulepreload links on the page).</summary>
    public static readonly IReadOnlyList<string> Modules =
    [
        "/js/texts.js", "/js/api.js", "/js/live.js", "/js/meeting-time.js",
        "/js/board/page.js", "/js/board/feedback.js", "/js/board/dots.js", "/js/board/grid.js", "/js/board/render.js",
        "/js/board/own-topic.js", "/js/board/facilitation.js", "/js/board/propose.js",
    ];

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Board) = found;
        // The authorization policy let only members of this meeting in.
        var member = MeetingMember.From(User)!;
        Role = member.RoleIn(meetingId, boardId) ?? Role.Participant;
        ParticipantId = member.ParticipantId;
        return Page();
    }
}
