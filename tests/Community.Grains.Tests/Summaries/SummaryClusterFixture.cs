using Azure.Storage.Blobs;
using Community.Grains;
using Community.Testing;
using Community.Testing.Scenarios;

namespace Community.Grains.Tests.Summaries;

/// <summary>A real cluster on the shared Azurite with the Sofia meeting seeded once, for the summary tests.</summary>
public sealed class SummaryClusterFixture : IAsyncLifetime
{
    private CommunityCluster? _cluster;

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("Not started.")).Grains;

    public SofiaMeeting Sofia { get; private set; } = null!;

    public BlobContainerClient SummariesContainer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        Sofia = await SofiaMeeting.CreateAndSeedAsync(_cluster.Grains);
        SummariesContainer = new BlobServiceClient(_cluster.Azurite.ConnectionString).GetBlobContainerClient(CommunityContainers.Summaries);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
