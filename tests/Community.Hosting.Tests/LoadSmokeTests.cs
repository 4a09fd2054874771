using System.Net;
using Community.Benchmarks.Load;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>
/// The capacity sweep's generator (bench/Community.Benchmarks.Load) in small, against real silo and web processes:
/// correctness only, never timing. A hundred sockets watch one board while voters set and take back dots at a fixed
/// rate; afterwards every card holds what the acknowledged dots say and every watcher shows exactly that.
/// </summary>
public sealed class LoadSmokeTests
{
    [Fact]
    public async Task Under_load_no_acknowledged_dot_is_lost_or_counted_twice_and_every_watcher_ends_with_the_stored_counts()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        await using var silo = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        var webSettings = deployment.Web(webUrl, gatewayPort);
        foreach (var (name, value) in Systems.LoadSettings)
        {
            webSettings[name] = value;
        }

        await using var web = AppProcess.StartWeb(webSettings);
        await new Health(webUrl).UntilAsync(HttpStatusCode.OK, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var sockets = new HttpMessageInvoker(new SocketsHttpHandler());
        var baseAddress = new Uri(webUrl);
        var stack = new SystemUnderTest("stack", baseAddress, new Dictionary<string, int>(), (client, _) => Systems.CreateStackBoardAsync(client, baseAddress), null);

        var outcome = await Smoke.RunAsync(stack, http, sockets, watchers: 100, dotsPerSecond: 100, TimeSpan.FromSeconds(5));

        Assert.True(outcome.Problems.Count == 0, string.Join('\n', outcome.Problems) + $"\nweb:\n{web.Output}");
        Assert.True(outcome.Requests >= 500, $"only {outcome.Requests} dot requests were made");
        Assert.True(outcome.Cell.DotsDone > 0, "no dot was acknowledged");
    }
}
