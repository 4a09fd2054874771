using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>The meeting and its boards: public, with the member's own way in when signed in.</summary>
public sealed class MeetingModel(IGrainFactory grains) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public MeetingMember? Member { get; private set; }

    /// <summary>Null when the visitor is not a member of this meeting.</summary>
    public Role? Role { get; private set; }

    /// <summary>A member's own topics across the boards; empty for visitors.</summary>
    public IReadOnlyList<MyDayTopic> MyDay { get; private set; } = [];

    /// <summary>The public listing, only when a moderator approved it: then the page is the event's public description.</summary>
    public ListingView? Listing { get; private set; }

    /// <summary>The schema.org Event of an approved listing (<see cref="EventJsonLd"/>); null otherwise.</summary>
    public string? JsonLd { get; private set; }

    public async Task<IActionResult> OnGetAsync(string meetingId)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        if (await grains.GetGrain<IListingGrain>(meetingId).Get() is { Review: ListingReview.Approved } listing)
        {
            Listing = listing;
            JsonLd = EventJsonLd.For(meeting, listing, $"{Request.Scheme}://{Request.Host}/m/{Uri.EscapeDataString(meetingId)}");
        }

        Member = MeetingMember.From(User);
        Role = Member?.RoleIn(meetingId);
        if (Role is not null)
        {
            MyDay = await Pages.MyDay.ForAsync(grains, meeting, Member!.ParticipantId);
        }

        return Page();
    }
}
