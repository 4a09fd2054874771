using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

/// <summary>
/// One partition's entries in memory, ready to search: each entry keeps its folded words, its map position and the
/// year it starts in its own zone, computed once when it is stored, so a query is a scan of plain comparisons over
/// the entries in date order.
/// </summary>
internal sealed class DirectoryIndex
{
    private readonly Dictionary<string, Indexed> _entries = new(StringComparer.Ordinal);
    private Indexed[]? _sorted;

    public int Count => _entries.Count;

    public IEnumerable<DirectoryEntry> Entries => _entries.Values.Select(indexed => indexed.Entry);

    public void Upsert(DirectoryEntry entry)
    {
        _entries[entry.MeetingId] = new Indexed(entry);
        _sorted = null;
    }

    public bool Remove(string meetingId)
    {
        var removed = _entries.Remove(meetingId);
        _sorted = removed ? null : _sorted;
        return removed;
    }

    public void Clear()
    {
        _entries.Clear();
        _sorted = null;
    }

    /// <summary>Matching entries, soonest first (then by id, so pages are stable).</summary>
    public IEnumerable<DirectoryEntry> Search(DirectoryQuery query)
    {
        var filter = new Filter(query);
        return Sorted().Where(filter.Matches).Select(indexed => indexed.Entry);
    }

    public DirectoryPartitionPage Page(DirectoryQuery query, int take)
    {
        var filter = new Filter(query);
        var total = 0;
        var first = new List<DirectoryEntry>(Math.Min(take, 1_000));
        var byFormat = new Dictionary<MeetingFormat, int>();
        foreach (var indexed in Sorted())
        {
            if (!filter.Matches(indexed))
            {
                continue;
            }

            total++;
            var format = indexed.Entry.Listing.Format;
            byFormat[format] = byFormat.GetValueOrDefault(format) + 1;
            if (first.Count < take)
            {
                first.Add(indexed.Entry);
            }
        }

        return new DirectoryPartitionPage(total, first, byFormat);
    }

    public IReadOnlyList<MapPoint> Map(DirectoryQuery query, BoundingBox box, int zoom)
    {
        var filter = new Filter(query);
        var cells = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        foreach (var indexed in _entries.Values)
        {
            if (indexed.Entry.Listing.Location is not { } location || !MapGrid.Contains(box, location) || !filter.Matches(indexed))
            {
                continue;
            }

            var cell = MapGrid.Cell(indexed.X, indexed.Y, zoom);
            if (!cells.TryGetValue(cell, out var cluster))
            {
                cells[cell] = cluster = new Cluster(indexed.Entry);
            }

            cluster.Add(location);
        }

        return [.. cells.Select(pair => pair.Value.ToPoint(pair.Key))];
    }

    public IReadOnlyList<YearFigures> Figures(DirectoryQuery query)
    {
        var filter = new Filter(query);
        return [.. _entries.Values
            .Where(indexed => !indexed.Entry.Cancelled && filter.Matches(indexed))
            .GroupBy(indexed => indexed.Year)
            .OrderBy(year => year.Key)
            .Select(year => new YearFigures(year.Key, year.Count(), year.Sum(indexed => indexed.Entry.Figures?.Participants ?? 0)))];
    }

    private Indexed[] Sorted() => _sorted ??= [.. _entries.Values
        .OrderBy(indexed => indexed.Entry.StartsAt)
        .ThenBy(indexed => indexed.Entry.MeetingId, StringComparer.Ordinal)];

    /// <summary>Merges entries sorted as <see cref="Search"/> sorts them.</summary>
    public static readonly IComparer<DirectoryEntry> Order = Comparer<DirectoryEntry>.Create((left, right) =>
    {
        var byStart = left.StartsAt.CompareTo(right.StartsAt);
        return byStart != 0 ? byStart : string.CompareOrdinal(left.MeetingId, right.MeetingId);
    });

    private sealed class Indexed
    {
        public Indexed(DirectoryEntry entry)
        {
            Entry = entry;
            Words = DirectoryText.Words([entry.Title, entry.Summary, entry.City, entry.VenueName, .. entry.Tags]);
            Tags = [.. entry.Tags.Select(DirectoryFilter.Tag)];
            Languages = [.. entry.Languages.Select(DirectoryFilter.Language)];
            Campaign = entry.Listing.CampaignSlug?.Trim().ToLowerInvariant();
            if (entry.Listing.Location is { } location)
            {
                (X, Y) = MapGrid.Project(location);
            }

            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(entry.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            Year = TimeZoneInfo.ConvertTime(entry.StartsAt, zone).Year;
        }

        public DirectoryEntry Entry { get; }

        public string[] Words { get; }

        public string[] Tags { get; }

        public string[] Languages { get; }

        public string? Campaign { get; }

        public double X { get; }

        public double Y { get; }

        public int Year { get; }
    }

    /// <summary>A query with its values folded once, as the entries' are.</summary>
    private sealed class Filter(DirectoryQuery query)
    {
        private readonly string[] _words = query.Text is { } text ? DirectoryText.Words(text) : [];
        private readonly string? _country = query.Country?.Trim().ToUpperInvariant();
        private readonly string? _campaign = query.Campaign?.Trim().ToLowerInvariant();
        private readonly string? _language = query.Language is { } language ? DirectoryFilter.Language(language) : null;
        private readonly string? _tag = query.Tag is { } tag ? DirectoryFilter.Tag(tag) : null;

        public bool Matches(Indexed indexed)
        {
            var entry = indexed.Entry;
            var listing = entry.Listing;
            return (_country is null || string.Equals(entry.Country, _country, StringComparison.OrdinalIgnoreCase))
                && (query.From is not { } from || entry.EndsAt >= from)
                && (query.To is not { } to || entry.StartsAt < to)
                && (_campaign is null || indexed.Campaign == _campaign)
                && (query.Format is not { } format || listing.Format == format)
                && (query.Age is not { } age || ((listing.MinAge ?? 0) <= age && age <= (listing.MaxAge ?? int.MaxValue)))
                && (_language is null || Array.IndexOf(indexed.Languages, _language) >= 0)
                && (query.Attendance is not { } attendance || listing.Attendance == attendance || listing.Attendance == AttendanceMode.Hybrid)
                && (_tag is null || Array.IndexOf(indexed.Tags, _tag) >= 0)
                && (_words.Length == 0 || DirectoryText.Matches(indexed.Words, _words));
        }
    }

    private sealed class Cluster(DirectoryEntry first)
    {
        private int _count;
        private double _latitude;
        private double _longitude;

        public void Add(GeoPoint location)
        {
            _count++;
            _latitude += location.Latitude;
            _longitude += location.Longitude;
        }

        public MapPoint ToPoint(string cell) => _count == 1
            ? new MapPoint(cell, _latitude, _longitude, 1, first.MeetingId, first.Title) { StartsAt = first.StartsAt, TimeZone = first.TimeZone }
            : new MapPoint(cell, _latitude / _count, _longitude / _count, _count, null, null);
    }
}

/// <summary>How tags and languages compare: "#STEM" is the tag "stem", "EN" the language "en".</summary>
internal static class DirectoryFilter
{
    public static string Tag(string tag) => DirectoryText.Fold(tag.Trim().TrimStart('#'));

    public static string Language(string language) => language.Trim().ToLowerInvariant();
}
