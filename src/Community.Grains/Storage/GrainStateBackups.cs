using Azure;
using Azure.Storage.Blobs;

namespace Community.Grains.Storage;

/// <summary>
/// The operator's way back from a damaged grain state blob: <see cref="BlobGrainStorage"/> keeps the state it last
/// backed up as <c>{blob}.prev</c>, and <see cref="RestoreAsync"/> puts that copy back in place.
/// </summary>
public static class GrainStateBackups
{
    public static string BackupName(string blobName) => $"{blobName}.prev";

    /// <summary>
    /// Replaces the blob with its backup and returns the backup's time; false if there is no backup. The grain
    /// reads the restored state on its next activation (a grain whose state could not be read has none).
    /// </summary>
    public static async Task<DateTimeOffset?> RestoreAsync(BlobContainerClient container, string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var backup = await container.GetBlobClient(BackupName(blobName)).DownloadContentAsync(cancellationToken);
            await container.GetBlobClient(blobName).UploadAsync(backup.Value.Content, overwrite: true, cancellationToken);
            return backup.Value.Details.LastModified;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
