using Community.Testing;

namespace Community.Web.Tests;

/// <summary>One cluster on the shared Azurite and one web app on a real Kestrel port, shared by the API tests.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    private CommunityCluster? _cluster;
    private CommunityWebApp? _app;
    private Lazy<Task<SharedSession>>? _shared;

    /// <summary>The directory operator's key this app is configured with (docs/moderation.md).</summary>
    public const string OperatorKey = "test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz";

    public CommunityCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public CommunityWebApp App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>
    /// One session with two of Ana's cards for the tests of refusals, which change nothing when they pass: sharing it
    /// keeps the suite short. Tests that change the board start their own <see cref="ApiSession"/>.
    /// </summary>
    public Task<SharedSession> SharedSessionAsync() => (_shared ??= new(CreateSharedAsync)).Value;

    private async Task<SharedSession> CreateSharedAsync()
    {
        var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Ana's topic");
        var other = await session.ProposeAsync(session.Ana, "Ana's other topic");
        return new SharedSession(session, card.CardId, other.CardId);
    }

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        // Writes are limited generously here; RateLimitTests runs its own app with tight limits.
        _app = CommunityWebApp.Start(_cluster, kestrel: true, new Dictionary<string, string?>
        {
            ["Community:RateLimits:WriteBurst"] = "1000",
            ["Community:RateLimits:WritesPerPeriod"] = "1000",
            ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "1000",
            ["Community:Directory:OperatorKey"] = OperatorKey,
        });
    }

    public async Task DisposeAsync()
    {
        if (_shared is { IsValueCreated: true })
        {
            (await _shared.Value).Session.Dispose();
        }

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

public sealed record SharedSession(ApiSession Session, string CardId, string OtherCardId);

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
