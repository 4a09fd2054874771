using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>
/// A room scanning the QR code at once, each phone from its own address (forwarded by a proxy on loopback, which the
/// app believes), with the default join limits: nobody gets an error, nobody is lost or merged with someone else.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class JoinStormTests(WebFixture fixture)
{
    private const int People = 400;

    [Fact]
    public async Task A_burst_of_400_joins_from_400_addresses_all_succeed_as_distinct_participants_listed_for_the_organiser()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        // No cookies: every join is a new phone with its own device cookie, as in a room.
        using var phones = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = People })
        {
            BaseAddress = fixture.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(3),
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, People).Select(index => JoinAsync(phones, meeting.JoinCode, index)));

        // Overloaded, the app may say "retry after" (503 or 429); it never fails (500), and everyone gets in.
        Assert.DoesNotContain(answers.SelectMany(answer => answer.Statuses), status => (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);
        Assert.All(answers, answer => Assert.NotNull(answer.Join));
        var joined = answers.Select(answer => answer.Join!.ParticipantId).ToList();
        Assert.Equal(People, joined.Distinct().Count());

        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        using var listed = await organiser.GetAsync($"/api/meetings/{meeting.MeetingId}/participants");
        var people = await CommunityWebApp.ReadAsync<PeopleView>(listed);
        Assert.Empty(joined.Except(people.People.Select(person => person.ParticipantId)));
    }

    /// <summary>One phone joining, retrying when told to (503 or 429 with Retry-After), at most ten times.</summary>
    private static async Task<(List<HttpStatusCode> Statuses, JoinResponse? Join)> JoinAsync(HttpClient phones, string code, int index)
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/join")
            {
                Content = JsonContent.Create(new { code, displayName = $"Guest {index}" }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.{index / 256}.{index % 256}");
            using var response = await phones.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
            {
                return (statuses, response.IsSuccessStatusCode ? await CommunityWebApp.ReadAsync<JoinResponse>(response) : null);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        return (statuses, null);
    }
}
