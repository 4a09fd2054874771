using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Web.Media;

/// <summary>
/// Photos in the "media" blob container under names we generate. The web writes and serves them itself: media are
/// bytes in storage, not grain state, so 10 MB uploads and downloads stream between the web node and storage
/// instead of travelling through a grain; the grain only records the reference.
/// </summary>
public sealed class MediaStore(BlobServiceClient blobs)
{
    public const string ContainerName = StorageNames.MediaContainer;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerName);
    private readonly Lazy<Task> _created = new(() => blobs.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync());

    /// <summary>Stores a checked, stripped photo under a fresh name and returns the name.</summary>
    public async Task<string> SaveAsync(ImageFormat format, byte[] bytes, CancellationToken cancellationToken)
    {
        await _created.Value;
        var name = MediaPath.NewName(format);
        await _container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = format.ContentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken);
        return name;
    }

    /// <summary>Removes a photo whose registration failed, so no unreferenced blob stays behind.</summary>
    public async Task DeleteAsync(string name) => await _container.GetBlobClient(name).DeleteIfExistsAsync();

    /// <summary>The photo's bytes as a stream, or null if there is none by that name.</summary>
    public async Task<Stream?> OpenAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
