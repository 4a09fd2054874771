using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// Where the console's invite forms post: a new invite shows its link once (the meeting keeps no token), a revoke
/// goes back to the console. Bad input comes back as the field's message on this page.
/// </summary>
public sealed class InvitesModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public Invite? Created { get; private set; }

    public string? Link { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IActionResult OnGet(string meetingId) => Redirect($"/m/{meetingId}/organise");

    public async Task<IActionResult> OnPostCreateAsync(string meetingId, Role? role, List<string>? boardIds, int? expiresInHours, int? maxUses)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        var (terms, validation) = MembershipEndpoints.ReadInvite(new CreateInviteRequest(role, boardIds, null, expiresInHours, maxUses), time.GetUtcNow());
        try
        {
            if (terms is null)
            {
                Errors = validation.Problem()!.ProblemDetails.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")).ToList();
                return Page();
            }

            Created = await grains.GetGrain<IMeetingGrain>(meetingId).CreateInvite(Organiser(meetingId), terms);
            Link = JoinLinks.For(Request, Created.Code);
        }
        catch (DomainException refusal)
        {
            Errors = [refusal.Message];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string meetingId, string? inviteId)
    {
        await grains.GetGrain<IMeetingGrain>(meetingId).RevokeInvite(Organiser(meetingId), inviteId ?? "");
        return Redirect($"/m/{meetingId}/organise#invites");
    }

    // The page's authorization policy let only this meeting's organiser in.
    private Actor Organiser(string meetingId) => MeetingMember.From(User)!.ActorIn(meetingId)!;
}
