using System.Net;
using System.Net.Http.Json;
using Community.Testing;

namespace Community.Web.Tests;

/// <summary>
/// A web app with the default join limits: failed code lookups are limited per address on the API and on the join
/// page alike, while a whole venue behind one address joins with the right code. Buckets live per app, so this
/// class has its own.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CodeGuessingTests(WebFixture fixture) : IDisposable
{
    private readonly CommunityWebApp _app = CommunityWebApp.Start(fixture.Cluster, settings: new Dictionary<string, string?>
    {
        // No refill during the test, however slow the machine: exactly the burst of failures passes.
        ["Community:RateLimits:FailedLookupPeriod"] = "01:00:00",
    });

    [Fact]
    public async Task Guessing_codes_from_one_address_is_throttled_after_ten_failures_on_the_api_and_the_join_page()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var guesser = _app.CreateClient();
        var guesses = Guesses(meeting.JoinCode).Take(11).ToList();

        for (var index = 0; index < 5; index++)
        {
            using var answer = await guesser.PostAsJsonAsync("/api/join", new { code = guesses[index], displayName = "Mallory" });
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        for (var index = 5; index < 10; index++)
        {
            using var page = await guesser.GetAsync($"/j/{guesses[index]}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        using var api = await guesser.PostAsJsonAsync("/api/join", new { code = guesses[10], displayName = "Mallory" });
        using var joinPage = await guesser.GetAsync($"/j/{guesses[10]}");
        // Once throttled, a right code does not tell the guesser it is right either.
        using var right = await guesser.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = "Mallory" });

        await RateLimitTests.AssertRateLimitedAsync(api);
        Assert.Equal(HttpStatusCode.TooManyRequests, joinPage.StatusCode);
        Assert.True(joinPage.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await RateLimitTests.AssertRateLimitedAsync(right);
    }

    [Fact]
    public async Task A_venue_of_300_behind_one_address_joins_with_the_right_code_and_is_never_throttled()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        // A few people mistype first, as people do.
        using var typo = _app.CreateClient();
        foreach (var wrong in Guesses(meeting.JoinCode).Take(3))
        {
            using var answer = await typo.PostAsJsonAsync("/api/join", new { code = wrong, displayName = "Typo" });
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        var joined = new List<string>();
        foreach (var wave in Enumerable.Range(1, 300).Chunk(30))
        {
            joined.AddRange((await Task.WhenAll(wave.Select(index => _app.JoinAsync(meeting.JoinCode, $"Guest {index}")))).Select(join => join.ParticipantId));
        }

        Assert.Equal(300, joined.Distinct().Count());
    }

    /// <summary>Well-formed codes other than the meeting's, as a guesser would try them.</summary>
    private static IEnumerable<string> Guesses(string joinCode) =>
        Enumerable.Range(0, 100).Select(index => $"{Grains.Abstractions.Codes.Alphabet[index % 21]}{Grains.Abstractions.Codes.Alphabet[index / 21]}KMNP").Where(code => code != joinCode);

    public void Dispose() => _app.Dispose();
}
