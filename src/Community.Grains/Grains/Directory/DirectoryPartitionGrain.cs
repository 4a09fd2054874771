using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record DirectoryPartitionRecord
{
    [Id(0)] public IReadOnlyList<DirectoryEntry> Entries { get; init; } = [];
}

/// <summary>
/// One country's approved listings (docs/directory.md): all in memory in a <see cref="DirectoryIndex"/>, stored as
/// one blob so a restart does not need the listings, and rebuildable from them (<see cref="Clear"/>, then the
/// listings upsert again). Searches read memory only.
/// </summary>
internal sealed class DirectoryPartitionGrain(
    [PersistentState(DirectoryPartitionGrain.StateName)] IPersistentState<DirectoryPartitionRecord> stored) : Grain, IDirectoryPartitionGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "directory";

    private readonly DirectoryIndex _index = new();

    /// <summary>Whether the catalog has heard from this activation that the partition is not empty.</summary>
    private bool _catalogTold;

    private string Country => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in stored.State.Entries)
        {
            _index.Upsert(entry);
        }

        return Task.CompletedTask;
    }

    public Task Upsert(DirectoryEntry entry) => UpsertMany([entry]);

    public async Task UpsertMany(IReadOnlyList<DirectoryEntry> entries)
    {
        foreach (var entry in entries)
        {
            Rules.Require(!string.IsNullOrEmpty(entry.MeetingId), DomainError.Invalid, "An entry has a meeting id.", "meetingId");
            Rules.Require(string.Equals(entry.Country, Country, StringComparison.OrdinalIgnoreCase), DomainError.Invalid,
                $"The entry of {entry.MeetingId} is in {entry.Country}, not {Country}.", "country");
        }

        foreach (var entry in entries)
        {
            _index.Upsert(entry);
        }

        await Persist();
    }

    public async Task Remove(string meetingId)
    {
        if (_index.Remove(meetingId))
        {
            await Persist();
        }
    }

    public async Task Clear()
    {
        _index.Clear();
        await Persist();
    }

    public Task<IReadOnlyList<DirectoryEntry>> Search(DirectoryQuery query) =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. _index.Search(query)]);

    public Task<DirectoryPartitionPage> Page(DirectoryQuery query, int take) => Task.FromResult(_index.Page(query, Math.Max(0, take)));

    public Task<IReadOnlyList<MapPoint>> Map(DirectoryQuery query, BoundingBox box, int zoom)
    {
        Rules.Require(zoom is >= 0 and <= DirectoryMap.MaxZoom, DomainError.Invalid, $"The zoom is 0 to {DirectoryMap.MaxZoom}.", "zoom");
        return Task.FromResult(_index.Map(query, box, zoom));
    }

    public Task<IReadOnlyList<YearFigures>> Figures(DirectoryQuery query) => Task.FromResult(_index.Figures(query));

    /// <summary>Stores the whole partition. If that fails, memory is ahead of storage: the next activation reloads.</summary>
    private async Task Persist()
    {
        stored.State = new DirectoryPartitionRecord { Entries = [.. _index.Entries] };
        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        var hasEntries = _index.Count > 0;
        if (!_catalogTold || !hasEntries)
        {
            await GrainFactory.GetGrain<IDirectoryCatalogGrain>(0).Set(Country, hasEntries);
            _catalogTold = hasEntries;
        }
    }
}
