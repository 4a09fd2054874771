using System.Collections.Immutable;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record DirectoryCatalogRecord
{
    [Id(0)] public ImmutableSortedSet<string> Countries { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}

/// <summary>
/// Which countries' partitions hold entries, so the directory's fan-out asks those and not all 250 codes. A
/// partition tells it on its first write after activating and whenever it becomes empty: a few writes a day.
/// </summary>
internal sealed class DirectoryCatalogGrain(
    [PersistentState(DirectoryCatalogGrain.StateName)] IPersistentState<DirectoryCatalogRecord> catalog) : Grain, IDirectoryCatalogGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "directory-catalog";

    public async Task Set(string country, bool hasEntries)
    {
        var countries = catalog.State.Countries;
        var next = hasEntries ? countries.Add(country) : countries.Remove(country);
        if (next != countries)
        {
            await catalog.Store(new DirectoryCatalogRecord { Countries = next.WithComparer(StringComparer.Ordinal) });
        }
    }

    public Task<IReadOnlyList<string>> Countries() => Task.FromResult<IReadOnlyList<string>>([.. catalog.State.Countries]);
}
