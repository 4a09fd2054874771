using Azure.Storage.Blobs;
using Community.Grains.Abstractions;

namespace Community.Web.Hosting;

public static class BlobStorageHosting
{
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
            return new BlobServiceClient(configured is { Length: > 0 } ? configured : StorageNames.DevelopmentConnectionString, options);
        });
        return builder;
    }
}
