using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// The big screen, for members (usually a facilitator's laptop): the ranking, the schedule wall or a glocal board's
/// lanes (see projector.js), the round's countdown and how to join.
/// </summary>
public sealed class ProjectorModel(IGrainFactory grains, PageJson json) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public string JoinLink { get; private set; } = "";

    /// <summary>The meeting's boards by id, for naming the regions a glocal card links to; escaped for a script element.</summary>
    public string BoardTitlesJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Board) = found;
        JoinLink = JoinLinks.For(Request, Meeting.JoinCode);
        BoardTitlesJson = json.Serialize(Meeting.Boards.ToDictionary(board => board.BoardId, board => board.Title));
        return Page();
    }
}
