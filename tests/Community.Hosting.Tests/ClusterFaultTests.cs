using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Community.Testing;
using Xunit.Abstractions;

namespace Community.Hosting.Tests;

/// <summary>
/// The cluster of ./run.sh --cluster as real processes (Redis membership, two silos, two web nodes) under a steady
/// dot load split over both web nodes, with one silo killed by SIGKILL halfway.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int Boards = 6;
    private const int VotersPerBoard = 2;
    private const int Steps = 60;

    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_dot_and_answers_only_200_or_503_with_retry_after()
    {
        await using var redis = await RedisServer.StartAsync();
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString, redis.ConnectionString);
        var doomed = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), FreePort.Next()));
        await using var survivor = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), FreePort.Next()));
        var webUrls = new[] { Deployment.WebUrlOnFreePort(), Deployment.WebUrlOnFreePort() };
        await using var web1 = AppProcess.StartWeb(deployment.Web(webUrls[0], FreePort.Next()));
        await using var web2 = AppProcess.StartWeb(deployment.Web(webUrls[1], FreePort.Next()));
        string Logs() => $"doomed silo:\n{doomed.Output}\nsurvivor:\n{survivor.Output}\nweb-1:\n{web1.Output}\nweb-2:\n{web2.Output}";
        foreach (var url in webUrls)
        {
            await new Health(url).UntilAsync(HttpStatusCode.OK, Logs);
        }

        var voters = new List<Voter>();
        for (var board = 0; board < Boards; board++)
        {
            voters.AddRange(await Voter.OnNewBoardAsync(webUrls, VotersPerBoard));
        }

        var clock = Stopwatch.StartNew();
        var voting = voters.Select(voter => voter.VoteUpToAsync(Steps, clock)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = clock.Elapsed;
        await doomed.KillHardAsync();
        await Task.WhenAll(voting);

        var refusals = voters.SelectMany(voter => voter.Unexpected).ToList();
        Assert.True(refusals.Count == 0, $"answers other than 200 or 503 with Retry-After: {string.Join("; ", refusals)}\n{Logs()}");
        foreach (var voter in voters)
        {
            Assert.Equal(Steps, await voter.MyDotsAsync());
        }

        foreach (var board in voters.GroupBy(voter => voter.CardUrl))
        {
            Assert.Equal(Steps * VotersPerBoard, await board.First().CardDotsAsync());
        }

        var outages = voters.Where(voter => voter.LongestOutage > TimeSpan.Zero).ToList();
        output.WriteLine($"silo killed at {killedAt.TotalSeconds:F1} s; {voters.Sum(voter => voter.Acknowledged)} dots acknowledged; " +
            $"{voters.Sum(voter => voter.Unavailable)} answered 503; {outages.Count} of {voters.Count} voters saw an outage, " +
            $"longest {voters.Max(voter => voter.LongestOutage).TotalSeconds:F1} s");
    }

    /// <summary>
    /// A participant who sets their dots on one topic to 1, 2, 3, ... through one web node, sending the same value
    /// again after a 503 (as the pages do), and keeps what each answer was.
    /// </summary>
    private sealed class Voter(string webUrl, string boardUrl, string cardUrl, string token)
    {
        public string CardUrl => cardUrl;

        public int Acknowledged { get; private set; }

        public int Unavailable { get; private set; }

        public List<string> Unexpected { get; } = [];

        public TimeSpan LongestOutage { get; private set; }

        public static async Task<IReadOnlyList<Voter>> OnNewBoardAsync(string[] webUrls, int count)
        {
            var meeting = await Api.SendAsync(HttpMethod.Post, webUrls[0] + "/api/meetings", null, new { title = "Sofia, a silo down" });
            var meetingUrl = $"/api/meetings/{meeting["meetingId"]}";
            var board = await Api.SendAsync(HttpMethod.Post, webUrls[0] + $"{meetingUrl}/boards", (string)meeting["organiserToken"]!,
                new { kind = "openSpace", title = "Marketplace", dotsPerParticipant = Steps, maxDotsPerCard = Steps });
            var boardUrl = $"{meetingUrl}/boards/{board["boardId"]}";
            var voters = new List<Voter>();
            for (var index = 0; index < count; index++)
            {
                var joined = await Api.SendAsync(HttpMethod.Post, webUrls[0] + "/api/join", null, new { code = (string)meeting["joinCode"]!, displayName = $"Voter {index + 1}" });
                var token = (string)joined["token"]!;
                var cardUrl = voters.FirstOrDefault()?.CardUrl
                    ?? $"{boardUrl}/cards/{(await Api.SendAsync(HttpMethod.Post, webUrls[0] + $"{boardUrl}/cards", token, new { title = "Teaching AI literacy" }))["cardId"]}";
                voters.Add(new Voter(webUrls[index % webUrls.Length], boardUrl, cardUrl, token));
            }

            return voters;
        }

        public async Task VoteUpToAsync(int steps, Stopwatch clock)
        {
            var deadline = clock.Elapsed + Eventually.Deadline;
            TimeSpan? outageSince = null;
            for (var dots = 1; dots <= steps && clock.Elapsed < deadline;)
            {
                using var request = Api.Request(HttpMethod.Put, $"{webUrl}{cardUrl}/dots", token, new { dots });
                using var response = await Api.Http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Acknowledged++;
                    dots++;
                    if (outageSince is { } since)
                    {
                        LongestOutage = TimeSpan.FromTicks(Math.Max(LongestOutage.Ticks, (clock.Elapsed - since).Ticks));
                        outageSince = null;
                    }

                    await Task.Delay(100);
                    continue;
                }

                outageSince ??= clock.Elapsed;
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is not null)
                {
                    Unavailable++;
                }
                else
                {
                    Unexpected.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(500);
            }
        }

        public async Task<int> MyDotsAsync() =>
            (int)(await Api.SendAsync(HttpMethod.Get, $"{webUrl}{boardUrl}", token))["myDots"]!["dots"]!.AsObject().Single().Value!;

        public async Task<int> CardDotsAsync() =>
            (int)(await Api.SendAsync(HttpMethod.Get, $"{webUrl}{boardUrl}", token))["cards"]!.AsArray().Single()!["dots"]!;
    }
}
