using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>
/// What a voter's phone is answered while the silo or storage is gone, on real processes: 503 with Retry-After (never
/// 500, never a hang), and the same write succeeding once the fault has passed, with nothing acknowledged lost.
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task While_the_silo_is_killed_a_dot_is_answered_503_with_retry_after_and_once_a_silo_is_back_it_is_stored()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        var first = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, gatewayPort));
        await new Health(webUrl).UntilAsync(HttpStatusCode.OK, () => $"silo:\n{first.Output}\nweb:\n{web.Output}");
        var board = await VotingBoard.OpenAsync(webUrl);
        Assert.Equal(HttpStatusCode.OK, (await board.SetDotsAsync(1)).Status);

        await first.KillHardAsync();
        var duringFault = await Eventually.UntilAsync(() => board.SetDotsAsync(0), answer => answer.Status != HttpStatusCode.OK, () => web.Output);

        AssertUnavailable(duringFault);
        await using var second = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await Eventually.UntilAsync(() => board.SetDotsAsync(2), answer => answer.Status == HttpStatusCode.OK, () => $"silo:\n{second.Output}\nweb:\n{web.Output}");
        Assert.Equal(2, await board.TryCardDotsAsync());
    }

    [Fact]
    public async Task While_storage_is_down_a_dot_is_answered_503_and_nothing_unstored_is_acknowledged()
    {
        var azurite = await AzuriteServer.StartAsync();
        await using var _ = azurite;
        var deployment = new Deployment(azurite.ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        await using var silo = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, gatewayPort));
        await new Health(webUrl).UntilAsync(HttpStatusCode.OK, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");
        var board = await VotingBoard.OpenAsync(webUrl);
        Assert.Equal(HttpStatusCode.OK, (await board.SetDotsAsync(1)).Status);

        await azurite.StopGracefullyAsync();
        var duringFault = await board.SetDotsAsync(2);

        AssertUnavailable(duringFault);
        await using var restarted = await AzuriteServer.StartAsync(azurite.DataFolder, azurite.Port);
        var afterFault = await Eventually.UntilAsync(board.TryCardDotsAsync, dots => dots is not null, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");
        Assert.Equal(1, afterFault);
        await Eventually.UntilAsync(() => board.SetDotsAsync(3), answer => answer.Status == HttpStatusCode.OK, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");
        Assert.Equal(3, await board.TryCardDotsAsync());
    }

    private static void AssertUnavailable((HttpStatusCode Status, JsonNode? Problem, RetryConditionHeaderValue? RetryAfter) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)answer.Status}: {answer.Problem}");
        Assert.Equal("/problems/unavailable", (string?)answer.Problem?["type"]);
        Assert.NotNull(answer.RetryAfter?.Delta);
    }

    /// <summary>A meeting with one open-space board and one topic, and a participant who sets their dots on it.</summary>
    private sealed class VotingBoard(string cardUrl, string boardUrl, string participantToken)
    {
        public static async Task<VotingBoard> OpenAsync(string webUrl)
        {
            var meeting = await Api.SendAsync(HttpMethod.Post, webUrl + "/api/meetings", null, new { title = "Sofia, through faults" });
            var organiser = (string)meeting["organiserToken"]!;
            var meetingUrl = $"/api/meetings/{meeting["meetingId"]}";
            var board = await Api.SendAsync(HttpMethod.Post, webUrl + $"{meetingUrl}/boards", organiser, new { kind = "openSpace", title = "Marketplace", dotsPerParticipant = 3, maxDotsPerCard = 3 });
            var joined = await Api.SendAsync(HttpMethod.Post, webUrl + "/api/join", null, new { code = (string)meeting["joinCode"]!, displayName = "Ana" });
            var participant = (string)joined["token"]!;
            var boardUrl = $"{webUrl}{meetingUrl}/boards/{board["boardId"]}";
            var card = await Api.SendAsync(HttpMethod.Post, webUrl + $"{meetingUrl}/boards/{board["boardId"]}/cards", participant, new { title = "Teaching AI literacy" });
            return new VotingBoard($"{boardUrl}/cards/{card["cardId"]}", boardUrl, participant);
        }

        public async Task<(HttpStatusCode Status, JsonNode? Problem, RetryConditionHeaderValue? RetryAfter)> SetDotsAsync(int dots)
        {
            using var request = Api.Request(HttpMethod.Put, $"{cardUrl}/dots", participantToken, new { dots });
            using var response = await Api.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body.Length > 0 ? JsonNode.Parse(body) : null, response.Headers.RetryAfter);
        }

        /// <summary>The topic's dots as the board now says (the participant is its only voter), or null while it cannot say.</summary>
        public async Task<int?> TryCardDotsAsync()
        {
            using var request = Api.Request(HttpMethod.Get, boardUrl, participantToken, null);
            using var response = await Api.Http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var snapshot = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return (int)snapshot["cards"]!.AsArray().Single()!["dots"]!;
        }
    }
}
