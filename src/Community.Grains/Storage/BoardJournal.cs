using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Community.Grains.Abstractions;
using Community.Grains.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Community.Grains.Storage;

/// <summary>Opens the journal of a board activation, next to its snapshot blob in the grain state container.</summary>
internal sealed class BoardJournals(BlobGrainStorageOptions storage, BoardJournalOptions options, ILogger<BoardJournal> logger)
{
    private readonly BlobContainerClient _container =
        BlobConnection.CreateServiceClient(storage.ConnectionString).GetBlobContainerClient(storage.ContainerName);

    public BoardJournal Open(GrainId grainId) => new(_container, grainId, options, logger);
}

/// <summary>
/// The journal of one board activation: an append blob of JSON lines, one <see cref="BoardBatch"/> per block, that
/// follows the snapshot of version V and is named after it (<c>board.V.journal</c>), so a new snapshot starts a
/// new journal and the old one is never read again. Every append is conditional on the append position this
/// activation last saw (and the first one on the blob not existing), so two activations can never both append: the
/// loser gets an <see cref="InconsistentStateException"/> and reloads. Before a snapshot is written the journal is
/// sealed the same way, so an activation still holding the old snapshot cannot append an entry nobody will replay.
/// A journal two snapshots old is emptied (<see cref="StartAfterSnapshot"/>): nothing replays it any more, not even
/// the snapshot's backup copy an operator may restore.
/// </summary>
internal sealed partial class BoardJournal(BlobContainerClient container, GrainId grainId, BoardJournalOptions options, ILogger<BoardJournal> logger)
{
    private const string Suffix = ".journal";
    private AppendBlobClient _blob = null!;
    private long _snapshotVersion;
    private bool _exists;
    private long _position;
    private int _entries;
    private bool _sealed;

    public string BlobName => _blob.Name;

    /// <summary>Part of the stored contract, next to the snapshot blob: never rename.</summary>
    public static string JournalName(GrainId grainId, long snapshotVersion) => $"{Prefix(grainId)}{snapshotVersion}{Suffix}";

    private static string Prefix(GrainId grainId) => $"{grainId.Type}/{grainId.Key}/{BoardGrain.StateName}.";

    /// <summary>The next write must be a snapshot: the journal is long, or sealed by a snapshot that was not written.</summary>
    public bool DueForSnapshot => _sealed || _entries >= options.SnapshotEveryBatches || _position >= options.SnapshotAfterBytes;

    /// <summary>Reads the journal that follows <paramref name="snapshot"/> and returns the board it leads to.</summary>
    public async Task<BoardRecord> ReplayAsync(BoardRecord snapshot)
    {
        Restart(snapshot.Version);
        BinaryData content;
        try
        {
            content = (await _blob.DownloadContentAsync()).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return snapshot;
        }
        catch (Exception exception) when (BlobGrainStorage.IsStorageFault(exception))
        {
            throw BlobGrainStorage.Unavailable(BlobName, exception);
        }

        _exists = true;
        _position = content.ToMemory().Length;
        var board = snapshot;
        foreach (var line in content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(line) is not { } batch)
            {
                continue;
            }

            _sealed |= batch.Sealed;
            if (batch.Sealed || batch.ToVersion <= board.Version)
            {
                // A seal changes nothing; an entry at or below the version is a duplicate already applied.
                continue;
            }

            if (batch.FromVersion != board.Version)
            {
                throw new GrainStateCorruptException(BlobName, $"it jumps from version {board.Version} to an entry from {batch.FromVersion}.");
            }

            board = batch.ApplyTo(board);
            _entries++;
        }

        return board;
    }

    /// <summary>Starts the (not yet created) journal that follows a snapshot of <paramref name="version"/>.</summary>
    private void Restart(long version)
    {
        _snapshotVersion = version;
        _blob = container.GetAppendBlobClient(JournalName(grainId, version));
        _exists = false;
        _position = 0;
        _entries = 0;
        _sealed = false;
    }

    /// <summary>
    /// Once a snapshot of <paramref name="version"/> is stored: starts its journal, and empties every journal older
    /// than the one just closed, off the write's path. The closed one stays: until the storage has copied the new
    /// snapshot, the backup an operator restores is the previous snapshot, and that needs it.
    /// </summary>
    public void StartAfterSnapshot(long version)
    {
        var closed = _snapshotVersion;
        Restart(version);
        _ = EmptyJournalsBeforeAsync(closed);
    }

    /// <summary>
    /// An emptied journal becomes an empty block blob rather than disappearing: an activation still holding an old
    /// snapshot then cannot create that journal afresh (it exists) or append to it (it is not an append blob), so
    /// nothing it acknowledges can land where nobody replays it. A failure is only logged: the next snapshot retries.
    /// </summary>
    private async Task EmptyJournalsBeforeAsync(long version)
    {
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix(grainId), CancellationToken.None))
            {
                if (blob.Properties.BlobType == BlobType.Append && SnapshotVersionOf(blob.Name) < version)
                {
                    await container.GetBlobClient(blob.Name).UploadAsync(BinaryData.Empty, overwrite: true);
                }
            }
        }
        catch (Exception exception) when (exception is RequestFailedException || BlobGrainStorage.IsStorageFault(exception))
        {
            LogEmptyingFailed(grainId.ToString(), exception.Message);
        }
    }

    private long? SnapshotVersionOf(string blobName) =>
        blobName.EndsWith(Suffix, StringComparison.Ordinal)
        && long.TryParse(blobName.AsSpan(Prefix(grainId).Length, blobName.Length - Prefix(grainId).Length - Suffix.Length), out var version)
            ? version
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not empty the old journals of {Board}: {Reason}")]
    private partial void LogEmptyingFailed(string board, string reason);

    /// <summary>Stores one batch; completes once it is durable.</summary>
    public async Task AppendAsync(BoardBatch batch)
    {
        await AppendLineAsync(batch);
        _entries++;
    }

    /// <summary>Closes this journal to every activation before a snapshot replaces it.</summary>
    public async Task SealAsync(long version)
    {
        await AppendLineAsync(BoardBatch.Seal(version));
        _sealed = true;
    }

    private async Task AppendLineAsync(BoardBatch batch)
    {
        // Serialised before the first await; a leading newline keeps a line after anything torn apart from it.
        var line = Encoding.UTF8.GetBytes("\n" + JsonSerializer.Serialize(batch, GrainStateJson.Options) + "\n");
        try
        {
            if (!_exists)
            {
                await _blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } });
                _exists = true;
            }

            using var stream = new MemoryStream(line, writable: false);
            await _blob.AppendBlockAsync(stream, new AppendBlobAppendBlockOptions
            {
                Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = _position },
            });
            _position += line.Length;
        }
        catch (RequestFailedException exception) when (BlobGrainStorage.IsLostRace(exception))
        {
            throw new InconsistentStateException($"Board journal '{BlobName}' was appended to by another writer.", storedEtag: "unknown", currentEtag: _position.ToString(), exception);
        }
        catch (Exception exception) when (BlobGrainStorage.IsStorageFault(exception))
        {
            throw BlobGrainStorage.Unavailable(BlobName, exception);
        }
    }

    /// <summary>A line that does not parse (torn or foreign) is skipped; a gap it leaves is caught by the versions.</summary>
    private static BoardBatch? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<BoardBatch>(line, GrainStateJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
