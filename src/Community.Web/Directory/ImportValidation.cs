using System.Globalization;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;

namespace Community.Web.Directory;

/// <summary>A fault of one field of one row.</summary>
public sealed record ImportProblem(string Field, string Message);

/// <summary>A row checked: the activity it stands for, or its problems (then <see cref="Activity"/> is null).</summary>
public sealed record CheckedRow(int Row, string? SourceRef, ImportedActivity? Activity, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Turns an import row into an <see cref="ImportedActivity"/>, naming each field at fault. The meeting's details are
/// checked as <c>POST /api/meetings</c> checks them; an import also needs the times (ISO 8601 with an offset), the
/// zone and the country, and where people go: a position for in-person and hybrid, a link for online and hybrid.
/// Texts are kept as written (made safe as <see cref="UserText"/> says): a title such as "=HYPERLINK(...)" stays text,
/// and the exports escape it for spreadsheets.
/// </summary>
public static partial class ImportValidation
{
    public const int SourceRefMaxLength = 200;
    public const int OrganiserNameMaxLength = 120;
    public const int MaxAge = 120;
    public const int MaxCapacity = 1_000_000;

    public static CheckedRow Check(ImportRowText row, DirectoryMember account)
    {
        var validation = new Validation();
        var fields = row.Fields;
        foreach (var unknown in fields.Keys.Where(field => !ImportRows.Fields.Contains(field)))
        {
            validation.Check(false, unknown, "Not a field of an import row.");
        }

        foreach (var (field, _) in fields.Where(field => field.Value.WrongType))
        {
            validation.Check(false, field, "A string, a number, or (for languages and tags) a list of strings.");
        }

        var sourceRef = Text(fields, "sourceRef");
        var title = UserText.Line(Text(fields, "title"));
        var description = UserText.Lines(Text(fields, "description"));
        var startsAt = Instant(validation, fields, "startsAt");
        var endsAt = Instant(validation, fields, "endsAt");
        var timeZone = Text(fields, "timeZone");
        var country = Text(fields, "country")?.ToUpperInvariant();
        var city = UserText.Line(Text(fields, "city"));
        var venueName = UserText.Line(Text(fields, "venueName"));
        var onlineLink = Text(fields, "onlineLink");
        var tags = UserText.EachLine(Items(fields, "tags"));
        var languages = Items(fields, "languages");
        var latitude = Number(validation, fields, "latitude");
        var longitude = Number(validation, fields, "longitude");
        var format = Choice<MeetingFormat>(validation, fields, "format") ?? MeetingFormat.Other;
        var attendance = Choice<AttendanceMode>(validation, fields, "attendance") ?? AttendanceMode.InPerson;
        var minAge = Whole(validation, fields, "minAge");
        var maxAge = Whole(validation, fields, "maxAge");
        var capacity = Whole(validation, fields, "capacity");
        var campaign = Text(fields, "campaign") ?? (account.Role == DirectoryRole.CampaignOwner ? account.CampaignSlug : null);
        var organiserName = UserText.Line(Text(fields, "organiserName"));
        var imageUrl = Text(fields, "imageUrl");

        validation
            .Text("sourceRef", sourceRef, SourceRefMaxLength, required: true)
            .Text("title", title, MeetingEndpoints.TitleMaxLength, required: true)
            .Check(Text(fields, "startsAt") is not null, "startsAt", "Required.")
            .Check(Text(fields, "endsAt") is not null, "endsAt", "Required.")
            .Required("timeZone", timeZone)
            .Required("country", country);
        MeetingEndpoints.ValidateDetails(validation, description, startsAt, endsAt, timeZone, venueName, city, country, onlineLink, tags, languages);
        var inPerson = attendance is AttendanceMode.InPerson or AttendanceMode.Hybrid;
        var online = attendance is AttendanceMode.Online or AttendanceMode.Hybrid;
        validation
            .Check(!inPerson || latitude is not null, "latitude", "Required for in-person and hybrid activities.")
            .Check(!inPerson || longitude is not null, "longitude", "Required for in-person and hybrid activities.")
            .Check((latitude is null) == (longitude is null), latitude is null ? "latitude" : "longitude", "Give latitude and longitude together.")
            .Check(latitude is null or (>= -90 and <= 90), "latitude", "Between -90 and 90.")
            .Check(longitude is null or (>= -180 and <= 180), "longitude", "Between -180 and 180.")
            .Check(!online || onlineLink is not null, "onlineLink", "Required for online and hybrid activities.")
            .Range("minAge", minAge, 0, MaxAge)
            .Range("maxAge", maxAge, 0, MaxAge)
            .Check(minAge is null || maxAge is null || minAge <= maxAge, "maxAge", "At least minAge.")
            .Range("capacity", capacity, 1, MaxCapacity)
            .Check(campaign is null || CampaignLimits.SlugPattern().IsMatch(campaign), "campaign", "A campaign's slug: 3-60 of a-z, 0-9 and '-' (not at either end).")
            .Text("organiserName", organiserName, OrganiserNameMaxLength)
            .Check(imageUrl is null || (imageUrl.Length <= 2_000 && Uri.TryCreate(imageUrl, UriKind.Absolute, out var image) && image.Scheme == Uri.UriSchemeHttps),
                "imageUrl", "An absolute https link.");

        var problems = validation.Errors.SelectMany(field => field.Value.Select(message => new ImportProblem(field.Key, message))).ToList();
        if (problems.Count > 0)
        {
            return new CheckedRow(row.Row, sourceRef, null, problems);
        }

        var activity = new ImportedActivity(
            new MeetingDetails
            {
                Title = title!,
                Description = description ?? "",
                StartsAt = startsAt,
                EndsAt = endsAt,
                TimeZone = timeZone!,
                VenueName = venueName,
                City = city,
                Country = country,
                OnlineLink = onlineLink,
                Tags = tags ?? [],
                Languages = languages ?? [],
            },
            new ListingDetails
            {
                Format = format,
                Attendance = attendance,
                MinAge = minAge,
                MaxAge = maxAge,
                Location = latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null,
                Capacity = capacity,
                ImageUrl = imageUrl,
                CampaignSlug = campaign,
                OrganiserName = organiserName ?? account.Name,
            });
        return new CheckedRow(row.Row, sourceRef, activity, []);
    }

    /// <summary>Every row checked, and a source reference used by an earlier row of the file refused in the later ones.</summary>
    public static IReadOnlyList<CheckedRow> CheckAll(IReadOnlyList<ImportRowText> rows, DirectoryMember account)
    {
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedRows = new List<CheckedRow>(rows.Count);
        foreach (var row in rows)
        {
            var checkedRow = Check(row, account);
            if (checkedRow.SourceRef is { } sourceRef && !firstRow.TryAdd(sourceRef, row.Row))
            {
                checkedRow = checkedRow with
                {
                    Activity = null,
                    Problems = [.. checkedRow.Problems, new ImportProblem("sourceRef", string.Create(CultureInfo.InvariantCulture, $"Already used by row {firstRow[sourceRef]}."))],
                };
            }

            checkedRows.Add(checkedRow);
        }

        return checkedRows;
    }

    private static string? Text(IReadOnlyDictionary<string, ImportValue> fields, string field) =>
        fields.GetValueOrDefault(field) is { Text: { } text } && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A list: JSON's array, or text separated by ';' (CSV cells, JSON strings); blank items dropped.</summary>
    private static IReadOnlyList<string>? Items(IReadOnlyDictionary<string, ImportValue> fields, string field) =>
        fields.GetValueOrDefault(field) switch
        {
            { Items: { } items } => items.Select(item => item.Trim()).Where(item => item.Length > 0).ToList(),
            { Text: { } text } => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => null,
        };

    /// <summary>ISO 8601 with an offset ("2026-10-15T10:00:00+03:00" or "...Z"): a time without one is ambiguous, so refused.</summary>
    private static DateTimeOffset? Instant(Validation validation, IReadOnlyDictionary<string, ImportValue> fields, string field)
    {
        if (Text(fields, field) is not { } text)
        {
            return null;
        }

        var instant = default(DateTimeOffset);
        var valid = IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
        validation.Check(valid, field, "An ISO 8601 date and time with its offset, e.g. 2026-10-15T10:00:00+03:00.");
        return valid ? instant : null;
    }

    private static double? Number(Validation validation, IReadOnlyDictionary<string, ImportValue> fields, string field)
    {
        if (Text(fields, field) is not { } text)
        {
            return null;
        }

        var valid = double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number);
        validation.Check(valid, field, "A number with a decimal point, e.g. 42.6977.");
        return valid ? number : null;
    }

    private static int? Whole(Validation validation, IReadOnlyDictionary<string, ImportValue> fields, string field)
    {
        if (Text(fields, field) is not { } text)
        {
            return null;
        }

        var valid = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        validation.Check(valid, field, "A whole number.");
        return valid ? number : null;
    }

    /// <summary>The API's camelCase names ("careerDay", "inPerson"); case, spaces, '-' and '_' do not matter.</summary>
    private static T? Choice<T>(Validation validation, IReadOnlyDictionary<string, ImportValue> fields, string field) where T : struct, Enum
    {
        if (Text(fields, field) is not { } text)
        {
            return null;
        }

        var name = string.Concat(text.Where(character => character is not (' ' or '-' or '_')));
        var choice = default(T);
        var valid = name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse(name, ignoreCase: true, out choice) && Enum.IsDefined(choice);
        validation.Check(valid, field, "One of: " + string.Join(", ", Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)) + ".");
        return valid ? choice : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();
}
