using System.Net;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Directory;

/// <summary>
/// Only an approved listing is public: a private, pending, rejected or withdrawn meeting appears in no list, map,
/// feed, export or campaign page, however it is asked for. Each surface is asked for the same word, which only
/// these five meetings' titles hold.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ListingVisibilityTests(WebFixture fixture)
{
    private static readonly Moderator Bulgaria = new("moderator-bg", "Moderator", ["BG"], null);

    [Fact]
    public async Task A_meeting_that_is_not_approved_appears_in_no_list_map_feed_export_or_campaign_page()
    {
        var campaign = await CampaignApiTests.CreateAsync(fixture.App, CampaignApiTests.Campaign($"visible-{Guid.NewGuid():N}"[..20]));
        var word = $"v{Guid.NewGuid():N}"[..12];
        var startsAt = new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.FromHours(2));
        var approved = await FeedTests.ListAsync(fixture, $"Approved {word}", startsAt, campaign.Slug);
        var pending = await FeedTests.ListAsync(fixture, $"Pending {word}", startsAt, campaign.Slug, approve: false);
        var rejected = await FeedTests.ListAsync(fixture, $"Rejected {word}", startsAt, campaign.Slug, approve: false);
        await Listing(rejected).Reject(Bulgaria, "Not an activity for the public.");
        var withdrawn = await FeedTests.ListAsync(fixture, $"Withdrawn {word}", startsAt, campaign.Slug);
        await Listing(withdrawn).Withdraw(new Actor(withdrawn.OrganiserId, "Organiser", Role.Organiser));
        var unlisted = await fixture.App.CreateMeetingAsync($"Private {word}");
        var hidden = new[] { pending, rejected, withdrawn, unlisted }.Select(meeting => meeting.MeetingId).ToList();
        using var visitor = fixture.App.CreateClient();

        var surfaces = new[]
        {
            $"/api/directory?q={word}",
            $"/meetings?q={word}",
            $"/api/directory/export.csv?q={word}",
            $"/api/directory/export.json?q={word}",
            $"/meetings.ics?q={word}",
            $"/c/{campaign.Slug}.ics",
            $"/c/{campaign.Slug}",
        };
        foreach (var surface in surfaces)
        {
            var body = await visitor.GetStringAsync(surface);
            Assert.True(body.Contains(approved.MeetingId, StringComparison.Ordinal), $"{surface} should show the approved meeting");
            foreach (var meetingId in hidden)
            {
                Assert.False(body.Contains(meetingId, StringComparison.Ordinal), $"{surface} shows {meetingId}");
            }
        }

        // The whole world at zoom 1: one point, the approved meeting (its cell holds nothing else with this word).
        var map = await visitor.GetStringAsync($"/api/directory/map?q={word}&bbox=-85,-180,85,180&zoom=1");
        Assert.Contains(approved.MeetingId, map, StringComparison.Ordinal);
        Assert.Contains("\"count\":1", map, StringComparison.Ordinal);
        Assert.DoesNotContain("\"count\":2", map, StringComparison.Ordinal);
        foreach (var meetingId in hidden)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/m/{meetingId}.ics")).StatusCode);
            Assert.DoesNotContain("application/ld+json", await visitor.GetStringAsync($"/m/{meetingId}"), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/m/{approved.MeetingId}.ics")).StatusCode);
        Assert.Contains("application/ld+json", await visitor.GetStringAsync($"/m/{approved.MeetingId}"), StringComparison.Ordinal);
    }

    private IListingGrain Listing(MeetingCreatedResponse meeting) => fixture.Cluster.Grains.GetGrain<IListingGrain>(meeting.MeetingId);
}
