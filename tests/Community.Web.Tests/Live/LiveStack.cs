using Community.Testing;

namespace Community.Web.Tests.Live;

/// <summary>
/// One real cluster on the shared Azurite and two web nodes on real Kestrel ports attached to it, shared by the
/// live tests. Real sockets matter here: a watcher that stops reading must really fill TCP buffers.
/// </summary>
public sealed class LiveStack : IAsyncLifetime
{
    private CommunityCluster? _cluster;

    public CommunityWebApp HostA { get; private set; } = null!;

    public CommunityWebApp HostB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        HostA = CommunityWebApp.Start(_cluster, kestrel: true);
        HostB = CommunityWebApp.Start(_cluster, kestrel: true);
    }

    public async Task DisposeAsync()
    {
        await HostB.DisposeAsync();
        await HostA.DisposeAsync();
        await _cluster!.DisposeAsync();
    }
}
