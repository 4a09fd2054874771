using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>A board for a member: the participant view, with the facilitator's controls for facilitators.</summary>
public sealed class BoardModel(IGrainFactory grains, PageJson json) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public Role Role { get; private set; }

    /// <summary>The board as the API gives it to this member, so the page shows it before the live connection is up.</summary>
    public string SnapshotJson { get; private set; } = "null";

    /// <summary>Who is looking, so the page offers edit and withdraw on their own topics.</summary>
    public string ParticipantId { get; private set; } = "";

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
        SnapshotJson = json.Serialize(await grains.Board(meetingId, boardId).GetSnapshot(member.ParticipantId));
        ParticipantId = member.ParticipantId;
        return Page();
    }
}
