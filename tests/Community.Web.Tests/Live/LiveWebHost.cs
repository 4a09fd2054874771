using Community.Testing;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Live;

/// <summary>
/// A web node on real Kestrel (a free port), talking to the given cluster through the cluster's own client.
/// Real sockets matter here: a watcher that stops reading must really fill TCP buffers.
/// </summary>
public sealed class LiveWebHost : WebApplicationFactory<Program>
{
    private readonly CommunityCluster _cluster;
    private readonly int _port = FreePort.Next();

    public LiveWebHost(CommunityCluster cluster)
    {
        _cluster = cluster;
        UseKestrel(_port);
        StartServer();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public Uri HubUrl => new(BaseAddress, "/hubs/live");

    public HttpClient CreateApiClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("COMMUNITY_WEB_URL", BaseAddress.ToString());
        builder.UseSetting(ClusterClientHosting.ExternalClientSetting, "true");
        builder.UseSetting("ConnectionStrings:Blobs", _cluster.Azurite.ConnectionString);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_cluster.Client);
            services.AddSingleton<IGrainFactory>(_cluster.Client);
        });
    }
}
