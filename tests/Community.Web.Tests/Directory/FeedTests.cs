using System.Net;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Testing;

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
