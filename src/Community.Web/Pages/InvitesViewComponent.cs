using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Pages;

/// <summary>
/// The invites section of the organiser console: each invite's role, boards, uses and expiry with a revoke button,
/// and a form for a new one. The forms post to <see cref="InvitesModel"/>.
/// </summary>
public sealed class InvitesViewComponent(IGrainFactory grains) : ViewComponent
{
    public sealed record Model(MeetingView Meeting, IReadOnlyList<Invite> Invites, DateTimeOffset Now);

    public async Task<IViewComponentResult> InvokeAsync(MeetingView meeting)
    {
        var organiser = MeetingMember.From(UserClaimsPrincipal)!.ActorIn(meeting.MeetingId)!;
        var invites = await grains.GetGrain<IMeetingGrain>(meeting.MeetingId).ListInvites(organiser);
        return View(new Model(meeting, invites, DateTimeOffset.UtcNow));
    }
}
