using Azure.Storage.Blobs;

namespace Community.Grains.Storage;

/// <summary>Builds blob clients the same way for grain state, media and summaries.</summary>
public static class BlobConnection
{
    /// <summary>Azurite's well-known development account on 127.0.0.1:10000 (a public, documented key).</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    public static BlobServiceClient CreateServiceClient(string connectionString)
    {
        var options = new BlobClientOptions();
        // Fail fast when storage is down instead of retrying for minutes: callers see the endpoint in the error.
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new BlobServiceClient(connectionString, options);
    }
}
