using System.Net;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>Several silo processes on one Redis form one cluster, and a web node is served by whichever is alive.</summary>
public sealed class RedisClusterTests
{
    [Fact]
    public async Task Two_silos_on_one_redis_form_one_cluster_and_the_web_node_reaches_grains_through_either()
    {
        await using var redis = await RedisServer.StartAsync();
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString, redis.ConnectionString);
        var webUrl = Deployment.WebUrlOnFreePort();
        var first = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), FreePort.Next()));
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, FreePort.Next()));
        var health = new Health(webUrl);
        await health.UntilAsync(HttpStatusCode.OK, () => $"silo:\n{first.Output}\nweb:\n{web.Output}");

        await using var second = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), FreePort.Next()));
        await ActiveSilosAsync(redis, count: 2, () => $"first:\n{first.Output}\nsecond:\n{second.Output}");

        // With the first silo gone the web node must find the second through the membership table in Redis.
        await first.DisposeAsync();
        await health.UntilAsync(HttpStatusCode.OK, () => $"second:\n{second.Output}\nweb:\n{web.Output}");
        Assert.False(web.HasExited);
    }

    /// <summary>Asks the cluster itself, through an Orleans client of this test, how many silos are active.</summary>
    private static async Task ActiveSilosAsync(RedisServer redis, int count, Func<string> describe)
    {
        await using var client = await ClusterClient.ConnectThroughRedisAsync(redis.ConnectionString);
        var management = client.Grains.GetGrain<IManagementGrain>(0);

        await Eventually.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count, active => active == count, describe);
    }
}
