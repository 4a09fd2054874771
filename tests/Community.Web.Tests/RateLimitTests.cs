using System.Net;
using System.Net.Http.Json;
using System.Text;
using Community.Testing;
using Community.Web.Access;

namespace Community.Web.Tests;

/// <summary>
/// A second web app on the shared cluster whose buckets are never refilled during a test (a one-hour period), so
/// exactly the burst passes and what follows is refused, however slow the machine is.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RateLimitTests(WebFixture fixture) : IDisposable
{
    private readonly CommunityWebApp _app = CommunityWebApp.Start(fixture.Cluster, settings: new Dictionary<string, string?>
    {
        ["Community:RateLimits:ReplenishmentPeriod"] = "01:00:00",
        ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "2",
        ["Community:RateLimits:JoinBurst"] = "2",
        ["Community:RateLimits:JoinsPerPeriod"] = "1",
        ["Community:RateLimits:JoinQueue"] = "0",
        ["Community:RateLimits:WriteBurst"] = "3",
        ["Community:RateLimits:WritesPerPeriod"] = "1",
        ["Community:RateLimits:WriteQueue"] = "0",
        ["Community:RateLimits:ImportsPerMinutePerAccount"] = "2",
        ["Community:RateLimits:ImportWindow"] = "01:00:00",
    });

    [Fact]
    public async Task Imports_beyond_the_accounts_limit_are_429_and_other_accounts_still_import()
    {
        using var busy = _app.CreateClient(await ImportTests.DirectoryTokenAsync(_app, new DirectoryMember(ImportTests.NewAccount(), "Busy", DirectoryRole.Organisation, [], null)));
        using var other = _app.CreateClient(await ImportTests.DirectoryTokenAsync(_app, new DirectoryMember(ImportTests.NewAccount(), "Other", DirectoryRole.Organisation, [], null)));
        var file = ImportTests.Json([ImportTests.Row("limited")]);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var passed = await busy.PostAsync("/api/directory/import?dryRun=true", new StringContent(file, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        }

        using var refused = await busy.PostAsync("/api/directory/import?dryRun=true", new StringContent(file, Encoding.UTF8, "application/json"));
        using var elsewhere = await other.PostAsync("/api/directory/import?dryRun=true", new StringContent(file, Encoding.UTF8, "application/json"));

        await AssertRateLimitedAsync(refused);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Creating_meetings_from_one_address_beyond_the_limit_is_429_with_retry_after()
    {
        using var client = _app.CreateClient();
        await _app.CreateMeetingAsync();
        await _app.CreateMeetingAsync();

        using var response = await client.PostAsJsonAsync("/api/meetings", new { title = "One too many" });

        await AssertRateLimitedAsync(response);
    }

    [Fact]
    public async Task Creating_meetings_through_the_new_meeting_page_counts_against_the_same_limit()
    {
        using var client = _app.CreateClient();
        await _app.CreateMeetingAsync();
        await _app.CreateMeetingAsync();

        // Showing the form is not a creation (PostAsync fails if the page itself is refused); posting it is.
        using var response = await PageForms.PostAsync(client, "/new", "/new", new Dictionary<string, string>
        {
            ["Form.Title"] = "One too many",
            ["OrganiserName"] = "Mila",
            ["Form.TimeZone"] = "Europe/Sofia",
        });

        await AssertRateLimitedAsync(response);
    }

    [Fact]
    public async Task Joins_beyond_the_meetings_burst_and_line_are_429_and_join_nobody()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        await _app.JoinAsync(meeting.JoinCode, "Ana");
        await _app.JoinAsync(meeting.JoinCode, "Boris");
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = "Cvetana" });

        await AssertRateLimitedAsync(response);
        // Another meeting at the same venue (same address) still joins: the limit is per meeting.
        var other = await fixture.App.CreateMeetingAsync();
        Assert.Equal(other.MeetingId, (await _app.JoinAsync(other.JoinCode, "Cvetana")).MeetingId);
    }

    [Fact]
    public async Task A_participants_writes_beyond_the_burst_are_429_and_change_nothing()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        var board = await fixture.App.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId);
        var ana = await fixture.App.JoinAsync(meeting.JoinCode, "Ana");
        using var client = _app.CreateClient(ana.Token);
        var cards = $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards";

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(index => client.PostAsJsonAsync(cards, new { title = $"Topic {index}" })));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            await AssertRateLimitedAsync(refused);
        }

        // Reads are not limited, and the board holds exactly the accepted topics.
        var snapshot = await ApiSession.GetAsync<Grains.Abstractions.BoardSnapshot>(client, $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}");
        Assert.Equal(3, snapshot.Cards.Count);
    }

    [Fact]
    public async Task A_venue_joining_at_once_waits_in_line_instead_of_being_refused()
    {
        await using var venue = CommunityWebApp.Start(fixture.Cluster, settings: new Dictionary<string, string?>
        {
            ["Community:RateLimits:ReplenishmentPeriod"] = "00:00:00.100",
            ["Community:RateLimits:JoinBurst"] = "2",
            ["Community:RateLimits:JoinsPerPeriod"] = "2",
            ["Community:RateLimits:JoinQueue"] = "100",
        });
        var meeting = await fixture.App.CreateMeetingAsync();

        var joined = await Task.WhenAll(Enumerable.Range(1, 30).Select(index => venue.JoinAsync(meeting.JoinCode, $"Guest {index}")));

        Assert.Equal(30, joined.Select(member => member.ParticipantId).Distinct().Count());
    }

    [Fact]
    public async Task With_one_join_in_flight_per_node_a_burst_waits_its_turn_and_everyone_gets_in()
    {
        using var narrow = CommunityWebApp.Start(fixture.Cluster, settings: new Dictionary<string, string?>
        {
            ["Community:RateLimits:JoinsInFlight"] = "1",
        });
        var meeting = await fixture.App.CreateMeetingAsync();

        // Each join holds the node's only slot until it is done; a slot never given back would leave the rest waiting.
        var joined = await Task.WhenAll(Enumerable.Range(1, 30).Select(number => narrow.JoinAsync(meeting.JoinCode, $"Phone {number}")));

        Assert.Equal(30, joined.Select(join => join.ParticipantId).Distinct().Count());
    }

    internal static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to retry.");
        await AccessTests.AssertProblemAsync(response, "/problems/rate-limited");
    }

    public void Dispose() => _app.Dispose();
}
