using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Community.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Community.Grains.Storage;

/// <summary>
/// Grain state as one plain JSON blob per grain, with ETag optimistic concurrency, in the manner of Orleans'
/// AzureBlobGrainStorage: create with If-None-Match: *, update and delete with If-Match, and a lost race is an
/// <see cref="InconsistentStateException"/> that leaves the stored value as it was. Storage that cannot be reached
/// or fails is a <see cref="StorageUnavailableException"/> naming the blob, which the web answers with 503.
/// </summary>
internal sealed partial class BlobGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _providerName;
    private readonly BlobContainerClient _container;
    private readonly ILogger<BlobGrainStorage> _logger;

    public BlobGrainStorage(string providerName, BlobGrainStorageOptions options, ILogger<BlobGrainStorage> logger)
    {
        _providerName = providerName;
        _container = BlobConnection.CreateServiceClient(options.ConnectionString).GetBlobContainerClient(options.ContainerName);
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<BlobGrainStorage>(_providerName), ServiceLifecycleStage.ApplicationServices, EnsureContainerAsync);

    internal async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new BlobStorageUnreachableException(_container.Uri, _container.Name, exception);
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blobName = BlobName(stateName, grainId);
        var blob = _container.GetBlobClient(blobName);
        try
        {
            var download = await blob.DownloadContentAsync();
            grainState.State = Deserialize<T>(blobName, download.Value.Content);
            grainState.ETag = download.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            throw Unavailable(blobName, exception);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blobName = BlobName(stateName, grainId);
        var blob = _container.GetBlobClient(blobName);
        var content = BinaryData.FromObjectAsJson(grainState.State, GrainStateJson.Options);
        try
        {
            var uploaded = await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = ConditionsFor(grainState.ETag),
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            });
            grainState.ETag = uploaded.Value.ETag.ToString();
            grainState.RecordExists = true;
            CommunityMetrics.BlobWrites.Add(1);
        }
        catch (RequestFailedException exception) when (IsLostRace(exception))
        {
            LogLostRace(blobName, grainState.ETag, exception.Status);
            throw new InconsistentStateException($"Grain state blob '{blobName}' was changed by another writer.", storedEtag: "unknown", currentEtag: grainState.ETag ?? "none", exception);
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            throw Unavailable(blobName, exception);
        }

        // Not awaited: the write is stored and acknowledged without waiting for its copy. Every version gets one,
        // the first too: a board's snapshot may be written once and then only appended to (its journal).
        _ = KeepBackupAsync(blobName, content);
    }

    /// <summary>
    /// Keeps what was just stored (so known to be readable) as <c>{blob}.prev</c>, the copy an operator restores
    /// when the blob is damaged from outside. Copies of consecutive writes may land out of order, so the copy is
    /// the last or the second-to-last stored state. A failed copy is logged, never failed.
    /// </summary>
    private async Task KeepBackupAsync(string blobName, BinaryData content)
    {
        try
        {
            await _container.GetBlobClient(GrainStateBackups.BackupName(blobName)).UploadAsync(content, overwrite: true);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException)
        {
            LogBackupFailed(blobName, exception.Message);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blobName = BlobName(stateName, grainId);
        var blob = _container.GetBlobClient(blobName);
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, ConditionsFor(grainState.ETag));
            await _container.GetBlobClient(GrainStateBackups.BackupName(blobName)).DeleteIfExistsAsync();
        }
        catch (RequestFailedException exception) when (IsLostRace(exception))
        {
            LogLostRace(blobName, grainState.ETag, exception.Status);
            throw new InconsistentStateException($"Grain state blob '{blobName}' was changed by another writer.", storedEtag: "unknown", currentEtag: grainState.ETag ?? "none", exception);
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            throw Unavailable(blobName, exception);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The blob name is part of the stored contract: grain type, then key, then state name.</summary>
    internal static string BlobName(string stateName, GrainId grainId) => $"{grainId.Type}/{grainId.Key}/{stateName}.json";

    // No ETag means "I believe nothing is stored": only a create may succeed.
    private static BlobRequestConditions ConditionsFor(string? etag) =>
        etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) };

    internal static bool IsLostRace(RequestFailedException exception) => exception.Status is 409 or 412;

    // Unreachable (the SDK's retries end in an AggregateException or HttpRequestException) or failing (5xx, throttled).
    internal static bool IsStorageFault(Exception exception) => exception
        is AggregateException or HttpRequestException
        or RequestFailedException { Status: 0 or 408 or 429 or >= 500 };

    internal static StorageUnavailableException Unavailable(string blobName, Exception exception) =>
        new(blobName, BlobStorageUnreachableException.Reason(exception));

    private static T Deserialize<T>(string blobName, BinaryData content)
    {
        try
        {
            return content.ToObjectFromJson<T>(GrainStateJson.Options)
                ?? throw new GrainStateCorruptException(blobName, "it holds JSON null");
        }
        catch (JsonException exception)
        {
            throw new GrainStateCorruptException(blobName, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the backup of {BlobName}: {Reason}")]
    private partial void LogBackupFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost a write race on {BlobName} with ETag {ETag} (status {Status})")]
    private partial void LogLostRace(string blobName, string? etag, int status);
}
