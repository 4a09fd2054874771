using Azure.Storage.Blobs;
using Community.Grains.Abstractions;

namespace Community.Grains.Storage;

/// <summary>Builds blob clients the same way for grain state, media and summaries.</summary>
public static class BlobConnection
{
    /// <summary>Azurite's development account on 127.0.0.1:10000, used when no connection string is configured.</summary>
    public const string DevelopmentConnectionString = StorageNames.DevelopmentConnectionString;

    public static BlobServiceClient CreateServiceClient(string connectionString)
    {
        var options = new BlobClientOptions();
        // Fail fast when storage is down instead of retrying for minutes: callers see the endpoint in the error.
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new BlobServiceClient(connectionString, options);
    }
}
