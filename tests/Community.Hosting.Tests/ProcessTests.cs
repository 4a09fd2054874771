using System.Net;
using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>The silo and web apps as real processes on a real Azurite, started in the order a server might.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task A_web_node_started_before_its_silo_answers_503_then_200_once_the_silo_is_up()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, gatewayPort));
        var health = new Health(webUrl);

        var waiting = await health.UntilAsync(HttpStatusCode.ServiceUnavailable, () => web.Output);
        Assert.Contains("\"silo\":\"unreachable\"", waiting.Body);
        Assert.False(web.HasExited);

        await using var silo = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        var ready = await health.UntilAsync(HttpStatusCode.OK, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");

        Assert.Contains("\"storage\":\"reachable\"", ready.Body);
    }

    [Fact]
    public async Task A_silo_with_unreachable_blob_storage_exits_non_zero_naming_the_endpoint()
    {
        var endpoint = $"127.0.0.1:{FreePort.Next()}";
        var deployment = new Deployment(AzuriteServer.ConnectionStringFor(endpoint));

        await using var silo = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), FreePort.Next()));
        var exitCode = await silo.WaitForExitAsync(Eventually.Deadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(endpoint, silo.Output);
    }

    [Fact]
    public async Task After_kill_9_of_the_silo_a_new_silo_serves_the_same_web_node_again()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        var first = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, gatewayPort));
        var health = new Health(webUrl);
        await health.UntilAsync(HttpStatusCode.OK, () => $"silo:\n{first.Output}\nweb:\n{web.Output}");

        await first.DisposeAsync();
        await health.UntilAsync(HttpStatusCode.ServiceUnavailable, () => web.Output);
        await using var second = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));

        await health.UntilAsync(HttpStatusCode.OK, () => $"silo:\n{second.Output}\nweb:\n{web.Output}");
        Assert.False(web.HasExited);
    }

    [Fact]
    public async Task State_written_through_a_grain_survives_kill_9_of_the_silo()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var meetingId = $"kill-9-{Guid.NewGuid():N}";
        var first = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await FreePort.WaitUntilListeningAsync(gatewayPort, Eventually.Deadline, () => first.Output);
        MeetingCreated created;
        await using (var client = await ClusterClient.ConnectToGatewayAsync(gatewayPort))
        {
            created = await client.Grains.GetGrain<IMeetingGrain>(meetingId).Create(new MeetingDetails { Title = "Среща в София" });
        }

        await first.DisposeAsync();
        await using var second = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await FreePort.WaitUntilListeningAsync(gatewayPort, Eventually.Deadline, () => second.Output);
        await using var reconnected = await ClusterClient.ConnectToGatewayAsync(gatewayPort);
        var meeting = await reconnected.Grains.GetGrain<IMeetingGrain>(meetingId).Get();

        Assert.Equal("Среща в София", meeting.Details.Title);
        Assert.Equal(created.Meeting.JoinCode, meeting.JoinCode);
    }
}
