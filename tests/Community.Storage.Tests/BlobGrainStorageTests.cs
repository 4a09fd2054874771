using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Community.Grains.Storage;
using Community.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Community.Storage.Tests;

/// <summary>The conformance cases of Orleans' persistence test kit, against a real Azurite.</summary>
public sealed class BlobGrainStorageTests
{
    private const string ContainerName = "conformance";
    private const string StateName = "state";

    public sealed record TestState
    {
        public string Name { get; init; } = "";
        public int Count { get; init; }
    }

    private static async Task<BlobGrainStorage> StorageAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var storage = new BlobGrainStorage(
            "test",
            new BlobGrainStorageOptions { ConnectionString = azurite.ConnectionString, ContainerName = ContainerName },
            NullLogger<BlobGrainStorage>.Instance);
        await storage.EnsureContainerAsync(CancellationToken.None);
        return storage;
    }

    private static async Task<BlobContainerClient> ContainerAsync() =>
        new BlobServiceClient((await SharedAzurite.GetAsync()).ConnectionString).GetBlobContainerClient(ContainerName);

    private static GrainId NewGrainId() => GrainId.Create("test", Guid.NewGuid().ToString("N"));

    private static GrainState<TestState> StateOf(string name, int count, string? etag = null) =>
        new() { State = new TestState { Name = name, Count = count }, ETag = etag };

    private static async Task<GrainState<TestState>> ReadAsync(BlobGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<TestState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_default_state_without_etag()
    {
        var storage = await StorageAsync();

        var state = await ReadAsync(storage, NewGrainId());

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(new TestState(), state.State);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_the_same_etag()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var written = StateOf("Sofia", 3);

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(storage, grainId);

        Assert.True(read.RecordExists);
        Assert.Equal(written.State, read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_second_create_without_etag_loses_and_the_first_value_stays()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, StateOf("first", 1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, StateOf("second", 2)));

        Assert.Equal(new TestState { Name = "first", Count = 1 }, (await ReadAsync(storage, grainId)).State);
    }

    /// <summary>Writes "v1" then "v2" and returns the ETag of "v1", now stale.</summary>
    private static async Task<string?> WriteTwiceAsync(BlobGrainStorage storage, GrainId grainId)
    {
        var first = StateOf("v1", 1);
        await storage.WriteStateAsync(StateName, grainId, first);
        await storage.WriteStateAsync(StateName, grainId, StateOf("v2", 2, first.ETag));
        return first.ETag;
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var staleEtag = await WriteTwiceAsync(storage, grainId);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, StateOf("v3", 3, staleEtag)));

        Assert.Equal(new TestState { Name = "v2", Count = 2 }, (await ReadAsync(storage, grainId)).State);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_fails_and_changes_nothing()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var staleEtag = await WriteTwiceAsync(storage, grainId);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, StateOf("v1", 1, staleEtag)));

        var read = await ReadAsync(storage, grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(new TestState { Name = "v2", Count = 2 }, read.State);
    }

    [Fact]
    public async Task Every_write_gives_a_new_etag()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var state = StateOf("same", 0);
        var etags = new List<string?>();

        for (var write = 0; write < 3; write++)
        {
            // The same content each time: the ETag must still move, or a stale writer could slip through.
            await storage.WriteStateAsync(StateName, grainId, state);
            etags.Add(state.ETag);
        }

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [Fact]
    public async Task A_cleared_state_reads_as_missing()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var state = StateOf("gone soon", 5);
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);
        var read = await ReadAsync(storage, grainId);

        Assert.False(state.RecordExists);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(new TestState(), read.State);
    }

    public static TheoryData<string, GrainId> Keys() => new()
    {
        { "plain string", GrainId.Create("test", $"meeting-{Guid.NewGuid():N}") },
        { "scoped string", GrainId.Create("test", $"{Guid.NewGuid():N}/board-1/card-2") },
        { "Cyrillic", GrainId.Create("test", $"Среща-София-{Guid.NewGuid():N}") },
        { "integer", GrainId.Create(GrainType.Create("test"), GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())) },
        { "guid", GrainId.Create(GrainType.Create("test"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())) },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Any_kind_of_key_round_trips_under_a_readable_blob_name(string kind, GrainId grainId)
    {
        var storage = await StorageAsync();
        var written = StateOf(kind, 7);

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(storage, grainId);

        Assert.Equal(written.State, read.State);
        var blobName = $"{grainId.Type}/{grainId.Key}/{StateName}.json";
        var stored = (await ContainerAsync()).GetBlobClient(blobName);
        Assert.True(await stored.ExistsAsync(), $"expected the blob '{blobName}'");
    }

    [Fact]
    public async Task Many_grains_written_and_read_at_once_each_keep_their_own_state()
    {
        var storage = await StorageAsync();
        var grainIds = Enumerable.Range(0, 60).Select(_ => NewGrainId()).ToList();

        await Task.WhenAll(grainIds.Select((grainId, index) => storage.WriteStateAsync(StateName, grainId, StateOf(grainId.ToString(), index))));
        var reads = await Task.WhenAll(grainIds.Select(grainId => ReadAsync(storage, grainId)));

        for (var index = 0; index < grainIds.Count; index++)
        {
            Assert.Equal(new TestState { Name = grainIds[index].ToString(), Count = index }, reads[index].State);
        }
    }

    [Fact]
    public async Task A_one_megabyte_state_round_trips()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var text = string.Concat(Enumerable.Range(0, 1_000_000 / 16).Select(index => $"Среща {index,9}|"));
        var written = StateOf(text, text.Length);

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(storage, grainId);

        Assert.Equal(written.State, read.State);
    }

    [Fact]
    public async Task A_corrupt_blob_is_an_error_naming_the_blob_never_an_empty_state()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, StateOf("valid", 1));
        var blobName = BlobGrainStorage.BlobName(StateName, grainId);
        await (await ContainerAsync()).GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes([0xFF, 0x00, 0x7B, 0x22, 0xC3]), overwrite: true);
        var state = new GrainState<TestState>();

        var error = await Assert.ThrowsAsync<GrainStateCorruptException>(() => storage.ReadStateAsync(StateName, grainId, state));

        Assert.Equal(blobName, error.BlobName);
        Assert.Contains(blobName, error.Message);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Unreachable_storage_fails_at_start_naming_the_endpoint()
    {
        var endpoint = $"127.0.0.1:{FreePort.Next()}";
        var storage = new BlobGrainStorage(
            "test",
            new BlobGrainStorageOptions { ConnectionString = AzuriteServer.ConnectionStringFor(endpoint), ContainerName = ContainerName },
            NullLogger<BlobGrainStorage>.Instance);

        var error = await Assert.ThrowsAsync<BlobStorageUnreachableException>(() => storage.EnsureContainerAsync(CancellationToken.None));

        Assert.Contains(endpoint, error.Message);
    }
}
