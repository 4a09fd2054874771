using Azure.Storage.Blobs;
using Community.Grains.Storage;
using Community.Grains.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        silo.Services.AddSingleton(_ => BlobConnection.CreateServiceClient(connectionString));
        silo.Services.AddSingleton<SummaryStore>().AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SummaryStore>());
        return silo;
    }

    public static string BlobsConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Blobs") is { Length: > 0 } configured ? configured : BlobConnection.DevelopmentConnectionString;
}
