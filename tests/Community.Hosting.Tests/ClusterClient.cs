using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Community.Hosting.Tests;

/// <summary>An Orleans client in the test process, talking to silo processes the way the web node does.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private const string ClusterAndServiceId = "community";

    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static Task<ClusterClient> ConnectToGatewayAsync(int gatewayPort) =>
        ConnectAsync(client => client.UseLocalhostClustering(gatewayPort, ClusterAndServiceId, ClusterAndServiceId));

    public static Task<ClusterClient> ConnectThroughRedisAsync(string redis) =>
        ConnectAsync(client => client
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (ClusterAndServiceId, ClusterAndServiceId))
            .UseRedisClustering(redis));

    private static async Task<ClusterClient> ConnectAsync(Action<IClientBuilder> clustering)
    {
        var host = Host.CreateDefaultBuilder().UseOrleansClient(clustering).Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
