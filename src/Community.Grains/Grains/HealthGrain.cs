using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Orleans.Concurrency;

namespace Community.Grains.Grains;

/// <summary>Stateless, so every silo answers locally and a health probe never queues behind a busy grain.</summary>
[StatelessWorker]
internal sealed class HealthGrain(BlobServiceClient blobs) : Grain, IHealthGrain
{
    public async Task<SiloHealth> Check()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await blobs.GetBlobContainerClient(CommunityContainers.GrainState).ExistsAsync(timeout.Token);
            return new SiloHealth(true, null);
        }
        catch (Exception exception)
        {
            return new SiloHealth(false, $"{blobs.Uri.GetLeftPart(UriPartial.Authority)}: {exception.Message}");
        }
    }
}
