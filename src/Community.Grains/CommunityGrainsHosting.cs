using Microsoft.Extensions.Logging;
using Azure.Storage.Blobs;
using Community.Grains.Grains;
using Community.Grains.Grains.Directory;
using Community.Grains.Storage;
using Community.Grains.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Providers;

namespace Community.Grains;

public static class CommunityGrainsHosting
{
    /// <summary>
    /// Everything the grains need, whatever the clustering: blob grain storage as the default provider and a
    /// blob client for media and summaries, both from <c>ConnectionStrings:Blobs</c> (Azurite by default).
    /// </summary>
    public static ISiloBuilder AddCommunityGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = BlobsConnectionString(configuration);
        silo.AddBlobGrainStorageAsDefault(options => options.ConnectionString = connectionString);
        silo.Services.AddSingleton(services => new BoardJournals(
            services.GetRequiredService<IOptionsMonitor<BlobGrainStorageOptions>>().Get(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME),
            JournalOptions(configuration), services.GetRequiredService<ILogger<BoardJournal>>()));
        silo.Services.AddSingleton(_ => BlobConnection.CreateServiceClient(connectionString));
        silo.Services.AddSingleton(DirectoryOptions.From(configuration));
        silo.Services.AddSingleton(RosterOptions.From(configuration));
        silo.Services.AddSingleton<SummaryStore>().AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SummaryStore>());
        return silo;
    }

    private static BoardJournalOptions JournalOptions(IConfiguration configuration)
    {
        var options = new BoardJournalOptions();
        if (int.TryParse(configuration[$"{BoardJournalOptions.Section}:{nameof(options.SnapshotEveryBatches)}"], out var batches))
        {
            options.SnapshotEveryBatches = batches;
        }

        if (long.TryParse(configuration[$"{BoardJournalOptions.Section}:{nameof(options.SnapshotAfterBytes)}"], out var bytes))
        {
            options.SnapshotAfterBytes = bytes;
        }

        return options;
    }

    public static string BlobsConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Blobs") is { Length: > 0 } configured ? configured : BlobConnection.DevelopmentConnectionString;
}
