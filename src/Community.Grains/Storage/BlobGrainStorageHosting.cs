using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Community.Grains.Storage;

public static class BlobGrainStorageHosting
{
    /// <summary>Registers the blob grain storage as the default provider, so [PersistentState] needs no provider name.</summary>
    public static ISiloBuilder AddBlobGrainStorageAsDefault(this ISiloBuilder builder, Action<BlobGrainStorageOptions> configure) =>
        builder.AddBlobGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static ISiloBuilder AddBlobGrainStorage(this ISiloBuilder builder, string name, Action<BlobGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<BlobGrainStorageOptions>(name).Configure(configure);
        builder.Services.AddGrainStorage(name, (services, providerName) =>
            ActivatorUtilities.CreateInstance<BlobGrainStorage>(
                services,
                providerName,
                services.GetRequiredService<IOptionsMonitor<BlobGrainStorageOptions>>().Get(providerName)));
        return builder;
    }
}
