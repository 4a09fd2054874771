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

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Board) = found;
        // The authorization policy let only members of this meeting in.
        Role = MeetingMember.From(User)!.RoleIn(meetingId, boardId) ?? Role.Participant;
        return Page();
    }
}
