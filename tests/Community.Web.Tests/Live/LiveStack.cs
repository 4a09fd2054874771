using Community.Testing;

namespace Community.Web.Tests.Live;

/// <summary>
/// One real cluster on the shared Azurite and two web nodes on real Kestrel ports attached to it, shared by the
/// live tests. Real sockets matter here: a watcher that stops reading must really fill TCP buffers.
/// </summary>
public sealed class LiveStack : IAsyncLifetime
{
    /// <summary>Every live test creates its own meeting from one address: more than a person would per minute.</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "1000" };

    private CommunityCluster? _cluster;

    private CommunityWebApp? _hostA;
    private CommunityWebApp? _hostB;

    public CommunityWebApp HostA => _hostA ?? throw new InvalidOperationException("The stack did not start.");

    public CommunityWebApp HostB => _hostB ?? throw new InvalidOperationException("The stack did not start.");

    /// <summary>A further web node on the same cluster with settings of its own; the caller disposes it.</summary>
    public CommunityWebApp StartHost(IReadOnlyDictionary<string, string?> settings) =>
        CommunityWebApp.Start(_cluster ?? throw new InvalidOperationException("The stack did not start."), kestrel: true,
            new Dictionary<string, string?>(Settings.Concat(settings)));

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        _hostA = CommunityWebApp.Start(_cluster, kestrel: true, Settings);
        _hostB = CommunityWebApp.Start(_cluster, kestrel: true, Settings);
    }

    public async Task DisposeAsync()
    {
        // Whatever started is stopped, even when starting failed halfway.
        foreach (var host in new[] { _hostB, _hostA })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
