using Community.Testing;

namespace Community.Grains.Tests;

/// <summary>
/// One real cluster on a real Azurite for the whole test project, both stopped on dispose. Its own Azurite rather
/// than the process-wide shared one: that one is only stopped at process exit, which the test host does not always
/// reach, and it was seen left running after test runs.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private AzuriteServer? _azurite;
    private CommunityCluster? _cluster;

    public CommunityCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public IGrainFactory Grains => Cluster.Grains;

    /// <summary>Further silo settings a derived fixture's cluster starts with.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _cluster = await CommunityCluster.StartAsync(_azurite, settings: Settings);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
        finally
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// Every test class shares the cluster and runs one after another: tests keep apart by unique meeting ids, and the
/// restart test may restart the silos without pulling them from under another test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
