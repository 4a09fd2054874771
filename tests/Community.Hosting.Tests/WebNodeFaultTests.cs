using System.Diagnostics;
using System.Net;
using Community.Testing;
using Xunit.Abstractions;

namespace Community.Hosting.Tests;

/// <summary>
/// Two web nodes behind the proxy of ./run.sh --cluster, with phones watching a board through the proxy's one
/// address; one web node is killed by SIGKILL and the phones on it must come back through the other.
/// </summary>
public sealed class WebNodeFaultTests(ITestOutputHelper output)
{
    private const int Phones = 6;

    [Fact]
    public async Task After_kill_9_of_a_web_node_its_watchers_reconnect_through_the_proxy_and_reach_the_boards_version()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var gatewayPort = FreePort.Next();
        await using var silo = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), gatewayPort));
        var nodeUrls = new[] { Deployment.WebUrlOnFreePort(), Deployment.WebUrlOnFreePort() };
        var web1 = AppProcess.StartWeb(deployment.Web(nodeUrls[0], gatewayPort));
        await using var web2 = AppProcess.StartWeb(deployment.Web(nodeUrls[1], gatewayPort));
        var proxyUrl = Deployment.WebUrlOnFreePort();
        await using var proxy = AppProcess.StartProxy(Deployment.Proxy(proxyUrl, nodeUrls));
        string Logs() => $"silo:\n{silo.Output}\nweb-1:\n{web1.Output}\nweb-2:\n{web2.Output}\nproxy:\n{proxy.Output}";
        foreach (var url in nodeUrls.Append(proxyUrl))
        {
            await new Health(url).UntilAsync(HttpStatusCode.OK, Logs);
        }

        var meeting = await Api.SendAsync(HttpMethod.Post, $"{proxyUrl}/api/meetings", null, new { title = "Sofia, a web node down" });
        var meetingId = (string)meeting["meetingId"]!;
        var board = await Api.SendAsync(HttpMethod.Post, $"{proxyUrl}/api/meetings/{meetingId}/boards", (string)meeting["organiserToken"]!, new { kind = "openSpace", title = "Marketplace" });
        var boardId = (string)board["boardId"]!;
        var boardUrl = $"{proxyUrl}/api/meetings/{meetingId}/boards/{boardId}";
        var phones = new List<WatchingPhone>();
        var token = "";
        for (var index = 0; index < Phones; index++)
        {
            var joined = await Api.SendAsync(HttpMethod.Post, $"{proxyUrl}/api/join", null, new { code = (string)meeting["joinCode"]!, displayName = $"Phone {index + 1}" });
            token = (string)joined["token"]!;
            phones.Add(await WatchingPhone.WatchAsync(proxyUrl, token, meetingId, boardId));
        }

        await Api.SendAsync(HttpMethod.Post, $"{boardUrl}/cards", token, new { title = "Before the fault" });
        var clock = Stopwatch.StartNew();
        await web1.DisposeAsync();
        // Written through the proxy while phones are still reconnecting: the proxy steps around the dead node.
        var afterFault = await Eventually.UntilAsync(
            () => TryProposeAsync($"{boardUrl}/cards", token, "After the fault"), created => created, Logs);
        var version = (long)(await Api.SendAsync(HttpMethod.Get, boardUrl, token))["version"]!;

        await Eventually.UntilAsync(() => Task.FromResult(phones.All(phone => phone.Version >= version)), all => all,
            () => $"phone versions {string.Join(", ", phones.Select(phone => phone.Version))}, board {version}\n{Logs()}");
        output.WriteLine($"{Phones} phones at version {version} {clock.Elapsed.TotalSeconds:F1} s after the web node was killed; " +
            $"{phones.Count(phone => phone.Reconnections > 0)} of them reconnected");
        foreach (var phone in phones)
        {
            await phone.DisposeAsync();
        }
    }

    private static async Task<bool> TryProposeAsync(string url, string token, string title)
    {
        using var request = Api.Request(HttpMethod.Post, url, token, new { title });
        using var response = await Api.Http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }
}
