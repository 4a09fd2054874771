using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// The people of a meeting for its facilitators and organisers: joins per minute (a burst of identities shows as a
/// tall bar), everyone who joined, and a remove button that asks for confirmation first.
/// </summary>
public sealed class PeopleModel(IGrainFactory grains, MemberChecks checks, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public PeopleView People { get; private set; } = null!;

    /// <summary>The person whose removal waits for confirmation (<c>?confirm=</c>).</summary>
    public PersonView? Confirming { get; private set; }

    public Actor Me { get; private set; } = null!;

    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync(string meetingId, string? confirm) => ShowAsync(meetingId, confirm);

    public async Task<IActionResult> OnPostRemoveAsync(string meetingId, string? participantId)
    {
        try
        {
            await grains.GetGrain<IMeetingGrain>(meetingId).RemoveParticipant(Actor(meetingId), participantId ?? "");
            checks.Forget(meetingId);
            return Redirect($"/m/{meetingId}/people");
        }
        catch (DomainException refusal)
        {
            Error = refusal.Message;
            return await ShowAsync(meetingId, null);
        }
    }

    /// <summary>An organiser may remove anyone but the meeting's creator and themselves; a facilitator, participants.</summary>
    public bool CanRemove(PersonView person) =>
        !person.Removed && person.ParticipantId != Me.ParticipantId && (Me.IsAtLeast(Role.Organiser) || person.Role == Role.Participant);

    private async Task<IActionResult> ShowAsync(string meetingId, string? confirm)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        Me = Actor(meetingId);
        People = await MembershipEndpoints.LoadPeopleAsync(grains, meetingId, time.GetUtcNow());
        Confirming = People.People.FirstOrDefault(person => person.ParticipantId == confirm && CanRemove(person));
        return Page();
    }

    // The page's authorization policy let only this meeting's facilitators and organisers in.
    private Actor Actor(string meetingId) => MeetingMember.From(User)!.ActorIn(meetingId)!;
}
