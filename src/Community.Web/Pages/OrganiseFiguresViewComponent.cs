using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Pages;

/// <summary>
/// The organiser console's "Figures after the event" section (Shared/_OrganiseFigures.cshtml): the participants as
/// reported, a form to report or correct them, and every change so far. The form posts to <see cref="FiguresModel"/>.
/// </summary>
public sealed class OrganiseFiguresViewComponent(IGrainFactory grains) : ViewComponent
{
    public sealed record Model(string MeetingId, ParticipantFigures? Figures, IReadOnlyList<ListingAuditEntry> History, bool Saved);

    public async Task<IViewComponentResult> InvokeAsync(string meetingId, bool saved)
    {
        var figures = FiguresResponse.From(await grains.GetGrain<IListingGrain>(meetingId).Get());
        return View("~/Pages/Shared/_OrganiseFigures.cshtml", new Model(meetingId, figures.Figures, figures.History, saved));
    }
}
