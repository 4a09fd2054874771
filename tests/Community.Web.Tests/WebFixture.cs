using Community.Testing;

namespace Community.Web.Tests;

/// <summary>One cluster on the shared Azurite and one web app on a real Kestrel port, shared by the API tests.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    private CommunityCluster? _cluster;
    private CommunityWebApp? _app;

    public CommunityCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public CommunityWebApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        // Writes are limited generously here; RateLimitTests runs its own app with tight limits.
        _app = CommunityWebApp.Start(_cluster, kestrel: true, new Dictionary<string, string?>
        {
            ["Community:RateLimits:WriteBurst"] = "1000",
            ["Community:RateLimits:WritesPerSecondPerParticipant"] = "1000",
            ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
