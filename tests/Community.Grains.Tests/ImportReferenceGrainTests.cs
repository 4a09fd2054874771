using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

/// <summary>
/// An import reference on a real cluster: the same row imported at once by several requests makes one meeting, a
/// changed row updates it, and a rejected listing is submitted again by the next changed import.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ImportReferenceGrainTests(ClusterFixture fixture)
{
    private static readonly ImportedActivity Visit = new(
        new MeetingDetails
        {
            Title = "Experts Go Back-to-School",
            StartsAt = new DateTimeOffset(2026, 10, 15, 10, 0, 0, TimeSpan.FromHours(3)),
            EndsAt = new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.FromHours(3)),
            TimeZone = "Europe/Sofia",
            Country = "BG",
            City = "Plovdiv",
        },
        new ListingDetails { Format = MeetingFormat.SchoolVisit, Location = new GeoPoint(42.1354, 24.7453), OrganiserName = "Code Club Bulgaria" });

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_same_row_imported_at_once_makes_one_meeting()
    {
        var reference = Grains.GetGrain<IImportReferenceGrain>(ImportReferences.Key($"org-{Guid.NewGuid():N}", "visit-1"));
        var candidates = Enumerable.Range(0, 5).Select(n => $"imp{Guid.NewGuid():N}"[..12]).ToList();

        var results = await Task.WhenAll(candidates.Select(meetingId => reference.Apply("visit-1", meetingId, Visit)));

        var created = Assert.Single(results, result => result.Outcome == ImportOutcome.Create);
        Assert.NotNull(created.OrganiserId);
        Assert.All(results, result => Assert.Equal(created.MeetingId, result.MeetingId));
        Assert.Equal(4, results.Count(result => result.Outcome == ImportOutcome.Unchanged && result.OrganiserId is null));
        foreach (var unused in candidates.Where(meetingId => meetingId != created.MeetingId))
        {
            await Refused(DomainError.NotFound, () => Grains.GetGrain<IMeetingGrain>(unused).Get());
        }

        Assert.Equal(ListingReview.Pending, (await Grains.GetGrain<IListingGrain>(created.MeetingId).Get()).Review);
    }

    [Fact]
    public async Task A_changed_row_updates_its_meeting_and_submits_a_rejected_listing_again()
    {
        var reference = Grains.GetGrain<IImportReferenceGrain>(ImportReferences.Key($"org-{Guid.NewGuid():N}", "visit-2"));
        var created = await reference.Apply("visit-2", $"imp{Guid.NewGuid():N}"[..12], Visit);
        var listing = Grains.GetGrain<IListingGrain>(created.MeetingId);
        await listing.Reject(new Moderator("mod-bg", "Bilyana", ["BG"], null), "Add the school's name.");
        var changed = Visit with { Meeting = Visit.Meeting with { VenueName = "School No. 5" } };

        Assert.Equal(ImportOutcome.Update, (await reference.Plan(changed)).Outcome);
        var updated = await reference.Apply("visit-2", "never-used", changed);

        Assert.Equal((ImportOutcome.Update, created.MeetingId, null), (updated.Outcome, updated.MeetingId, updated.OrganiserId));
        Assert.Equal("School No. 5", (await Grains.GetGrain<IMeetingGrain>(created.MeetingId).Get()).Details.VenueName);
        Assert.Equal(ListingReview.Pending, (await listing.Get()).Review);
        Assert.Equal(ImportOutcome.Unchanged, (await reference.Plan(changed)).Outcome);
    }
}
