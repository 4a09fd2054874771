using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Directory;

/// <summary>The feeds over HTTP: only approved listings, private links that cannot be guessed.</summary>
[Collection(WebCollection.Name)]
public sealed partial class FeedTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task A_private_meeting_has_no_feed_and_stays_out_of_a_browsers_saved_feed()
    {
        var meeting = await App.CreateMeetingAsync("Not listed");
        using var browser = App.CreateClient();

        using var single = await browser.GetAsync($"/m/{meeting.MeetingId}.ics");
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);

        var feedUrl = await SaveAsync(browser, meeting.MeetingId);
        using var feed = await browser.GetAsync(feedUrl);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", feed.Content.Headers.ContentType?.CharSet);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Empty(calendar.Events);
        var my = await browser.GetStringAsync("/my");
        Assert.Contains("1 saved meetings are no longer listed publicly", my);
    }

    [Fact]
    public async Task A_feed_token_that_was_not_issued_here_finds_nothing()
    {
        using var browser = App.CreateClient();
        var feedUrl = await FeedUrlAsync(browser);
        var token = feedUrl[(feedUrl.LastIndexOf('/') + 1)..^".ics".Length];

        using var forged = await browser.GetAsync($"/feeds/{token[..^4]}AAAA.ics");
        using var guessed = await browser.GetAsync("/feeds/0123456789abcdef.ics");

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.True(token.Length >= 64, token);
    }

    [Fact]
    public async Task An_unknown_campaign_has_no_feed() =>
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateClient().GetAsync("/c/no-such-campaign.ics")).StatusCode);

    [Fact]
    public async Task A_listed_meeting_keeps_its_uid_raises_its_sequence_on_edit_and_stays_cancelled_in_every_feed()
    {
        var campaign = await CampaignApiTests.CreateAsync(App, CampaignApiTests.Campaign(NewSlug()));
        var meeting = await ListAsync(fixture, "Robots in Plovdiv", new DateTimeOffset(2026, 11, 5, 14, 0, 0, TimeSpan.FromHours(2)), campaign.Slug);
        using var browser = App.CreateClient();
        var personal = await SaveAsync(browser, meeting.MeetingId);

        var first = await EventAsync(browser, $"/m/{meeting.MeetingId}.ics", meeting.MeetingId);
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        using var edited = await organiser.PatchAsJsonAsync($"/api/meetings/{meeting.MeetingId}", new { title = "Robots in Plovdiv (room 12)" }, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var second = await EventAsync(browser, $"/c/{campaign.Slug}.ics", meeting.MeetingId);
        await fixture.Cluster.Grains.GetGrain<IListingGrain>(meeting.MeetingId).Cancel(Organiser(meeting));

        Assert.Equal($"{meeting.MeetingId}@community", first.Uid);
        Assert.Equal("CONFIRMED", first.Status);
        Assert.True(second.Sequence > first.Sequence, $"{first.Sequence} then {second.Sequence}");
        Assert.Equal("Robots in Plovdiv (room 12)", second.Summary);
        foreach (var feed in new[] { $"/m/{meeting.MeetingId}.ics", $"/c/{campaign.Slug}.ics", $"/meetings.ics?campaign={campaign.Slug}", personal })
        {
            var cancelled = await EventAsync(browser, feed, meeting.MeetingId);
            Assert.Equal("CANCELLED", cancelled.Status);
            Assert.True(cancelled.Sequence > second.Sequence, feed);
            Assert.Equal(new Uri(App.BaseAddress, $"/m/{meeting.MeetingId}"), cancelled.Url);
        }
    }

    [Fact]
    public async Task A_campaign_feed_places_events_right_across_daylight_saving_and_leaves_unapproved_ones_out()
    {
        var campaign = await CampaignApiTests.CreateAsync(App, CampaignApiTests.Campaign(NewSlug()));
        var before = await ListAsync(fixture, "Before the change", new DateTimeOffset(2026, 10, 24, 10, 0, 0, TimeSpan.FromHours(3)), campaign.Slug);
        var after = await ListAsync(fixture, "After the change", new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.FromHours(2)), campaign.Slug);
        var pending = await ListAsync(fixture, "Not yet approved", new DateTimeOffset(2026, 10, 27, 10, 0, 0, TimeSpan.FromHours(2)), campaign.Slug, approve: false);
        using var browser = App.CreateClient();

        foreach (var feed in new[] { $"/c/{campaign.Slug}.ics", $"/meetings.ics?campaign={campaign.Slug}" })
        {
            using var response = await browser.GetAsync(feed);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Europe/Sofia", Assert.Single(calendar.TimeZones).TzId);
            var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
            Assert.Equal([$"{before.MeetingId}@community", $"{after.MeetingId}@community"], events.Select(e => e.Uid));
            Assert.Equal(new DateTime(2026, 10, 24, 7, 0, 0, DateTimeKind.Utc), events[0].DtStart!.AsUtc);
            Assert.Equal(new DateTime(2026, 10, 26, 8, 0, 0, DateTimeKind.Utc), events[1].DtStart!.AsUtc);
            Assert.All(events, e => Assert.Equal(new DateTime(2026, 10, e.DtStart!.Value.Day, 10, 0, 0), e.DtStart!.Value));
        }

        using var single = await browser.GetAsync($"/m/{pending.MeetingId}.ics");
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        var personal = await SaveAsync(browser, pending.MeetingId);
        Assert.Empty(Ical.Net.Calendar.Load(await browser.GetStringAsync(personal))!.Events);
    }

    [Theory]
    [InlineData("country=XX", "country")]
    [InlineData("from=yesterday", "from")]
    [InlineData("campaign=No_Such", "campaign")]
    public async Task A_directory_feed_with_a_bad_filter_names_it(string query, string field)
    {
        using var response = await App.CreateClient().GetAsync($"/meetings.ics?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static string NewSlug() => $"feeds-{Guid.NewGuid():N}"[..20];

    private static Actor Organiser(MeetingCreatedResponse meeting) => new(meeting.OrganiserId, "Organiser", Role.Organiser);

    /// <summary>A meeting in Plovdiv listed in the directory (approved by a moderator of BG unless told not to).</summary>
    internal static async Task<MeetingCreatedResponse> ListAsync(WebFixture fixture, string title, DateTimeOffset startsAt, string? campaign, bool approve = true)
    {
        var meeting = await fixture.App.CreateMeetingAsync(title);
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        using var dated = await organiser.PatchAsJsonAsync($"/api/meetings/{meeting.MeetingId}",
            new { startsAt, endsAt = startsAt.AddHours(2), city = "Plovdiv", venueName = "School No. 5" }, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.OK, dated.StatusCode);
        var listing = fixture.Cluster.Grains.GetGrain<IListingGrain>(meeting.MeetingId);
        await listing.Update(Organiser(meeting), new ListingDetails { Location = new GeoPoint(42.1354, 24.7453), CampaignSlug = campaign });
        await listing.Submit(Organiser(meeting));
        if (approve)
        {
            await listing.Approve(new Moderator("moderator-bg", "Moderator", ["BG"], null));
        }

        return meeting;
    }

    private static async Task<Ical.Net.CalendarComponents.CalendarEvent> EventAsync(HttpClient browser, string feed, string meetingId)
    {
        var calendar = Ical.Net.Calendar.Load(await browser.GetStringAsync(feed))!;
        return Assert.Single(calendar.Events, e => e.Uid == $"{meetingId}@community");
    }

    /// <summary>Saves a meeting as the campaign page's button does (any page's antiforgery token will do); returns the browser's feed URL.</summary>
    internal static async Task<string> SaveAsync(HttpClient browser, string meetingId)
    {
        using var saved = await PageForms.PostAsync(browser, "/new", "/my?handler=Save", new Dictionary<string, string> { ["meetingId"] = meetingId });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return await FeedUrlAsync(browser);
    }

    private static async Task<string> FeedUrlAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/my");
        return new Uri(FeedLink().Match(page).Groups[1].Value).PathAndQuery;
    }

    [GeneratedRegex("id=\"feed-url\" readonly value=\"([^\"]+)\"")]
    private static partial Regex FeedLink();
}
