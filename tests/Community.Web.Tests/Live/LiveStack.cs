using Community.Testing;

namespace Community.Web.Tests.Live;

/// <summary>One real cluster on the shared Azurite and two web nodes attached to it, shared by the live tests.</summary>
public sealed class LiveStack : IAsyncLifetime
{
    private CommunityCluster? _cluster;

    public LiveWebHost HostA { get; private set; } = null!;

    public LiveWebHost HostB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        HostA = new LiveWebHost(_cluster);
        HostB = new LiveWebHost(_cluster);
    }

    public async Task DisposeAsync()
    {
        await HostB.DisposeAsync();
        await HostA.DisposeAsync();
        await _cluster!.DisposeAsync();
    }
}
