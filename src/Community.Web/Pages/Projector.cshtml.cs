using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>The big screen: ranking, countdown and how to join, for members (usually a facilitator's laptop).</summary>
public sealed class ProjectorModel(IGrainFactory grains) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public string JoinLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Board) = found;
        JoinLink = JoinLinks.For(Request, Meeting.JoinCode);
        return Page();
    }
}
