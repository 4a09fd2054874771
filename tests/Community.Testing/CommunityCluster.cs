using Community.Grains;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Community.Testing;

/// <summary>
/// A real Orleans cluster in this process (Orleans' InProcessTestCluster) whose silos run the Community grains on
/// a real Azurite. It has no TCP gateway: web tests hand <see cref="InProcessTestCluster.Client"/> to the web app.
/// </summary>
public sealed class CommunityCluster : IAsyncDisposable
{
    private CommunityCluster(InProcessTestCluster cluster, AzuriteServer azurite)
    {
        Cluster = cluster;
        Azurite = azurite;
    }

    public InProcessTestCluster Cluster { get; }

    public AzuriteServer Azurite { get; }

    public IClusterClient Client => Cluster.Client;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Starts silos on the given Azurite (the shared one by default), with any further silo settings.</summary>
    public static async Task<CommunityCluster> StartAsync(AzuriteServer? azurite = null, int silos = 1, IReadOnlyDictionary<string, string?>? settings = null)
    {
        azurite ??= await SharedAzurite.GetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Blobs"] = azurite.ConnectionString,
                // A test searches right after it seeds the directory: no stale list of countries.
                ["Community:Directory:CatalogCacheTime"] = "00:00:00",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) => silo.AddCommunityGrains(configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CommunityCluster(cluster, azurite);
    }

    /// <summary>Stops every silo and starts fresh ones: grain state must come back from blob storage.</summary>
    public async Task RestartAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.RestartSiloAsync(silo);
        }

        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>
    /// Kills every silo without a graceful stop (nothing is deactivated or flushed) and starts a fresh one: what
    /// the grains come back with is only what storage holds.
    /// </summary>
    public async Task CrashAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.KillSiloAsync(silo);
        }

        await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
