using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// The organiser's summary desk: generate the draft from the boards, edit it beside its preview, save, publish,
/// the published versions, the exports, and closing the meeting. summary-desk.js calls the summary API.
/// </summary>
public sealed class SummaryDeskModel(IGrainFactory grains, IStringLocalizer<PageText> texts) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public SummaryDraft Draft { get; private set; } = new();

    public IReadOnlyList<SummaryVersion> Versions { get; private set; } = [];

    [BindProperty]
    public bool ConfirmClose { get; set; }

    public Task<IActionResult> OnGetAsync(string meetingId) => ShowAsync(meetingId);

    /// <summary>Closing takes no more joins; it is done only with the confirmation box ticked.</summary>
    public async Task<IActionResult> OnPostCloseAsync(string meetingId)
    {
        if (!ConfirmClose)
        {
            ModelState.AddModelError(nameof(ConfirmClose), texts["Details.ConfirmCloseRequired"]);
            return await ShowAsync(meetingId);
        }

        await grains.GetGrain<IMeetingGrain>(meetingId).Update(Organiser(meetingId), new MeetingPatch { State = MeetingState.Closed });
        return Redirect($"/m/{meetingId}/summary/edit");
    }

    private async Task<IActionResult> ShowAsync(string meetingId)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        var summary = grains.GetGrain<ISummaryGrain>(meetingId);
        Meeting = meeting;
        Draft = await summary.GetDraft(Organiser(meetingId));
        Versions = await summary.ListVersions();
        return Page();
    }

    // The page's authorization policy let only this meeting's organiser in.
    private Actor Organiser(string meetingId) => MeetingMember.From(User)!.ActorIn(meetingId)!;
}
