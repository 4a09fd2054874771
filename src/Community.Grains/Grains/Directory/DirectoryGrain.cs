using Community.Grains.Abstractions;
using Microsoft.Extensions.Configuration;
using Orleans.Concurrency;

namespace Community.Grains.Grains.Directory;

/// <summary>
/// The directory as the web asks it: asks the partitions of the countries the catalog names (or only the query's
/// country) at once and merges their answers. Stateless: each silo runs its own copies, with the catalog's list
/// cached for a few seconds, so a search costs one call per non-empty country and nothing else.
/// </summary>
[StatelessWorker]
internal sealed class DirectoryGrain(DirectoryOptions options) : Grain, IDirectoryGrain
{
    private IReadOnlyList<string> _countries = [];
    private DateTimeOffset _countriesAt = DateTimeOffset.MinValue;

    public async Task<DirectoryPage> Search(DirectoryQuery query, int skip, int take)
    {
        skip = Math.Max(0, skip);
        take = Math.Max(0, take);
        var pages = await Ask(query, partition => partition.Page(query, skip + take));
        var byFormat = new Dictionary<MeetingFormat, int>();
        foreach (var (format, count) in pages.SelectMany(page => page.Answer.ByFormat))
        {
            byFormat[format] = byFormat.GetValueOrDefault(format) + count;
        }

        return new DirectoryPage(
            pages.Sum(page => page.Answer.Total),
            Merge(pages.Select(page => page.Answer.Entries), skip + take).Skip(skip).ToList(),
            pages.Where(page => page.Answer.Total > 0).ToDictionary(page => page.Country, page => page.Answer.Total),
            byFormat);
    }

    public async Task<IReadOnlyList<DirectoryEntry>> Entries(DirectoryQuery query, int limit)
    {
        var found = await Ask(query, partition => partition.Page(query, Math.Max(0, limit)));
        return Merge(found.Select(page => page.Answer.Entries), Math.Max(0, limit));
    }

    public async Task<IReadOnlyList<MapPoint>> Map(DirectoryQuery query, BoundingBox box, int zoom) =>
        MapGrid.Merge((await Ask(query, partition => partition.Map(query, box, zoom))).SelectMany(answer => answer.Answer));

    public async Task<IReadOnlyList<YearFigures>> Figures(DirectoryQuery query) =>
        [.. (await Ask(query, partition => partition.Figures(query)))
            .SelectMany(answer => answer.Answer)
            .GroupBy(year => year.Year)
            .OrderBy(year => year.Key)
            .Select(year => new YearFigures(year.Key, year.Sum(part => part.Activities), year.Sum(part => part.Participants)))];

    public async Task<IReadOnlyDictionary<string, int>> CountByCountry(DirectoryQuery query) =>
        (await Ask(query, partition => partition.Page(query, 0)))
            .Where(answer => answer.Answer.Total > 0)
            .ToDictionary(answer => answer.Country, answer => answer.Answer.Total);

    private async Task<(string Country, T Answer)[]> Ask<T>(DirectoryQuery query, Func<IDirectoryPartitionGrain, Task<T>> ask)
    {
        IReadOnlyList<string> countries = query.Country is { Length: > 0 } country ? [country.Trim().ToUpperInvariant()] : await Countries();
        return await Task.WhenAll(countries.Select(async code => (code, await ask(GrainFactory.GetGrain<IDirectoryPartitionGrain>(code)))));
    }

    private async Task<IReadOnlyList<string>> Countries()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _countriesAt >= options.CatalogCacheTime)
        {
            _countries = await GrainFactory.GetGrain<IDirectoryCatalogGrain>(0).Countries();
            _countriesAt = now;
        }

        return _countries;
    }

    /// <summary>The first <paramref name="limit"/> of several lists each sorted soonest first.</summary>
    private static List<DirectoryEntry> Merge(IEnumerable<IReadOnlyList<DirectoryEntry>> lists, int limit)
    {
        var queue = new PriorityQueue<(IReadOnlyList<DirectoryEntry> List, int Index), DirectoryEntry>(DirectoryIndex.Order);
        foreach (var list in lists.Where(list => list.Count > 0))
        {
            queue.Enqueue((list, 0), list[0]);
        }

        var merged = new List<DirectoryEntry>(Math.Min(limit, 1_000));
        while (merged.Count < limit && queue.TryDequeue(out var next, out var entry))
        {
            merged.Add(entry);
            if (next.Index + 1 < next.List.Count)
            {
                queue.Enqueue((next.List, next.Index + 1), next.List[next.Index + 1]);
            }
        }

        return merged;
    }
}

/// <summary>Settings of the directory from <c>Community:Directory</c>.</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Community:Directory";

    /// <summary>
    /// How long a directory worker reuses the catalog's list of countries: a country's first entry shows in searches
    /// across all countries at most this late (a search naming the country sees it at once). Tests set zero.
    /// </summary>
    public TimeSpan CatalogCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    public static DirectoryOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DirectoryOptions>() ?? new DirectoryOptions();
}
