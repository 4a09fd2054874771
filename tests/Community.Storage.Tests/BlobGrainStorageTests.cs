using Community.Grains.Storage;
using Community.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Community.Storage.Tests;

/// <summary>The conformance cases of Orleans' persistence test kit, against a real Azurite.</summary>
public sealed class BlobGrainStorageTests
{
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
            new BlobGrainStorageOptions { ConnectionString = azurite.ConnectionString, ContainerName = "conformance" },
            NullLogger<BlobGrainStorage>.Instance);
        await storage.EnsureContainerAsync(CancellationToken.None);
        return storage;
    }

    private static GrainId NewGrainId() => GrainId.Create("test", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reading_a_missing_record_gives_default_state_without_etag()
    {
        var storage = await StorageAsync();
        var state = new GrainState<TestState>();

        await storage.ReadStateAsync("state", NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_the_same_etag()
    {
        var storage = await StorageAsync();
        var grainId = NewGrainId();
        var written = new GrainState<TestState> { State = new TestState { Name = "Sofia", Count = 3 } };

        await storage.WriteStateAsync("state", grainId, written);
        var read = new GrainState<TestState>();
        await storage.ReadStateAsync("state", grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.State, read.State);
        Assert.Equal(written.ETag, read.ETag);
    }
}
