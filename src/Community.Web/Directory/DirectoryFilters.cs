using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Web.Pages;

namespace Community.Web.Directory;

/// <summary>
/// The directory's filters as a query string, read and written in one place, so /meetings, its map, the API, the
/// exports and the calendar feed agree on what a link means:
/// <c>?q=&amp;country=&amp;from=&amp;to=&amp;campaign=&amp;format=&amp;age=&amp;language=&amp;attendance=&amp;tag=&amp;page=</c>.
/// Empty values are absent. <c>from</c> and <c>to</c> are days (UTC, <c>to</c> inclusive) or ISO 8601 instants
/// with an offset; <c>format</c> and <c>attendance</c> are spelled as in the JSON API (<c>openSpace</c>,
/// <c>inPerson</c>). Problems are keyed by the parameter's name, in English, for problem details; the page shows
/// its own text per name.
/// </summary>
public static partial class DirectoryFilters
{
    public const int PageSize = 20;

    /// <summary>Deep enough for any person; a scraper wants the export.</summary>
    public const int MaxPage = 500;

    public const int MaxTextLength = 200;
    public const int MaxTagLength = 60;
    public const int MaxAge = 120;

    public const string Text = "q";
    public const string Country = "country";
    public const string From = "from";
    public const string To = "to";
    public const string Campaign = "campaign";
    public const string Format = "format";
    public const string Age = "age";
    public const string Language = "language";
    public const string Attendance = "attendance";
    public const string Tag = "tag";
    public const string Page = "page";

    public static readonly IReadOnlyList<MeetingFormat> Formats = Enum.GetValues<MeetingFormat>();

    public static readonly IReadOnlyList<AttendanceMode> AttendanceModes = Enum.GetValues<AttendanceMode>();

    /// <summary>Reads the filters; false, with every problem by parameter name, when any value is not valid.</summary>
    public static bool TryParse(IQueryCollection values, out DirectoryQuery query, out Dictionary<string, string[]> problems)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fault(string name, string message) => found[name] = [message];

        var text = Value(values, Text);
        if (text is { Length: > MaxTextLength })
        {
            Fault(Text, $"At most {MaxTextLength} characters.");
        }

        var country = Value(values, Country)?.ToUpperInvariant();
        if (country is not null && !CountryCodes.IsValid(country))
        {
            Fault(Country, "A known country as two letters (ISO 3166-1 alpha-2), e.g. BG.");
        }

        var from = Instant(values, From, endOfDay: false, Fault);
        var to = Instant(values, To, endOfDay: true, Fault);
        if (from is { } start && to is { } end && end <= start)
        {
            Fault(To, "Not before from.");
        }

        var campaign = Value(values, Campaign)?.ToLowerInvariant();
        if (campaign is not null && !SlugPattern().IsMatch(campaign))
        {
            Fault(Campaign, "A campaign's slug: 3 to 60 of a-z, 0-9 and '-'.");
        }

        var format = Choice(values, Format, Formats, Fault);
        var attendance = Choice(values, Attendance, AttendanceModes, Fault);

        int? age = null;
        if (Value(values, Age) is { } ageText)
        {
            if (int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= MaxAge)
            {
                age = years;
            }
            else
            {
                Fault(Age, $"A whole number of years from 0 to {MaxAge}.");
            }
        }

        var language = Value(values, Language)?.ToLowerInvariant();
        if (language is not null && !LanguagePattern().IsMatch(language))
        {
            Fault(Language, "A language tag, e.g. en or bg.");
        }

        var tag = Value(values, Tag)?.TrimStart('#');
        if (tag is { Length: 0 } or { Length: > MaxTagLength })
        {
            Fault(Tag, $"A tag of 1 to {MaxTagLength} characters.");
        }

        if (Value(values, Page) is { } pageText && !TryPage(pageText, out _))
        {
            Fault(Page, $"A page number from 1 to {MaxPage}.");
        }

        problems = found;
        query = new DirectoryQuery
        {
            Text = text, Country = country, From = from, To = to, Campaign = campaign, Format = format, Age = age,
            Language = language, Attendance = attendance, Tag = tag,
        };
        return found.Count == 0;
    }

    /// <summary>The page asked for (1 when absent or not valid: <see cref="TryParse"/> reports that).</summary>
    public static int PageOf(IQueryCollection values) => Value(values, Page) is { } text && TryPage(text, out var page) ? page : 1;

    /// <summary>
    /// The query string that reads back as <paramref name="query"/> ("" when there is no filter), with any further
    /// parameters (a page, a view) added when they have a value.
    /// </summary>
    public static string ToQueryString(DirectoryQuery query, params (string Name, string? Value)[] more)
    {
        var pairs = new List<(string, string?)>
        {
            (Text, query.Text),
            (Country, query.Country),
            (From, query.From is { } from ? Day(from, endOfDay: false) : null),
            (To, query.To is { } to ? Day(to, endOfDay: true) : null),
            (Campaign, query.Campaign),
            (Format, query.Format is { } format ? Name(format) : null),
            (Age, query.Age?.ToString(CultureInfo.InvariantCulture)),
            (Language, query.Language),
            (Attendance, query.Attendance is { } attendance ? Name(attendance) : null),
            (Tag, query.Tag),
        };
        pairs.AddRange(more);
        var written = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (!string.IsNullOrEmpty(value))
            {
                written.Append(written.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return written.ToString();
    }

    /// <summary>How the API and the query string spell a format or an attendance mode: "openSpace", "inPerson".</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A day as "2026-11-02" in the form's date fields: <c>to</c> shows the last day it includes.</summary>
    public static string? DayField(DateTimeOffset? instant, bool endOfDay) => instant is { } value ? Day(value, endOfDay) : null;

    private static string? Value(IQueryCollection values, string name) =>
        values.TryGetValue(name, out var given) && given.ToString().Trim() is { Length: > 0 } value ? value : null;

    private static bool TryPage(string text, out int page) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= MaxPage;

    /// <summary>A day starts at 00:00 UTC; as an upper bound it takes the whole day (up to the next midnight).</summary>
    private static DateTimeOffset? Instant(IQueryCollection values, string name, bool endOfDay, Action<string, string> fault)
    {
        if (Value(values, name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        if (text.Contains('T') && (text.EndsWith('Z') || OffsetPattern().IsMatch(text))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        fault(name, "A day (2026-11-02) or an ISO 8601 instant with its offset (2026-11-02T17:00:00+01:00).");
        return null;
    }

    private static string Day(DateTimeOffset instant, bool endOfDay)
    {
        var utc = instant.ToUniversalTime();
        if (utc.TimeOfDay != TimeSpan.Zero)
        {
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return (endOfDay ? utc.AddDays(-1) : utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static T? Choice<T>(IQueryCollection values, string name, IReadOnlyList<T> choices, Action<string, string> fault) where T : struct, Enum
    {
        if (Value(values, name) is not { } text)
        {
            return null;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(Name(choice), text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        fault(name, $"One of: {string.Join(", ", choices.Select(Name))}.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9-]{3,60}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"[+-]\d\d:\d\d$")]
    private static partial Regex OffsetPattern();
}
