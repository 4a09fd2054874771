using Azure.Storage.Blobs;

namespace Community.Web.Hosting;

public static class BlobStorageHosting
{
    /// <summary>
    /// Azurite's well-known development account on 127.0.0.1:10000 (a public, documented key). The same value as
    /// Community.Grains.Storage.BlobConnection's: repeated because the web must not reference the grains project.
    /// </summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    /// <summary>
    /// One <see cref="BlobServiceClient"/> for the web node (Data Protection keys, and whatever else the web stores)
    /// from <c>ConnectionStrings:Blobs</c>, Azurite by default.
    /// </summary>
    public static WebApplicationBuilder AddCommunityBlobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("Blobs");
            var options = new BlobClientOptions();
            // Fail fast when storage is down instead of retrying for minutes.
            options.Retry.MaxRetries = 2;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return new BlobServiceClient(configured is { Length: > 0 } ? configured : DevelopmentConnectionString, options);
        });
        return builder;
    }
}
