using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Community.Web.Directory;

/// <summary>
/// One row of an import file as it came, before its values are checked: field name to text (CSV cells; JSON strings
/// and numbers as written) or items (JSON arrays), so CSV and JSON rows go through the same checks.
/// <see cref="Row"/> is 1-based among the data rows (the header is not a row; in JSON the array's first element is 1).
/// </summary>
public sealed record ImportRowText(int Row, IReadOnlyDictionary<string, ImportValue> Fields);

/// <summary>A field's value: text, a list (JSON arrays), or a value of a JSON type no field takes.</summary>
public sealed record ImportValue(string? Text, IReadOnlyList<string>? Items = null, bool WrongType = false);

/// <summary>A fault of the whole file (unreadable, unknown column, too many rows): a 400 naming it.</summary>
public sealed class ImportFileException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Reads an import file, CSV (comma-separated, UTF-8, a header row) or JSON (an array of objects), into rows.</summary>
public static class ImportRows
{
    public const int MaxRows = 5_000;

    /// <summary>The largest body the import reads (5 MB): about 5,000 rows with their descriptions.</summary>
    public const long MaxBodyBytes = 5 * 1024 * 1024;

    /// <summary>Every field a row may have, as the JSON names them and the CSV header spells them (case does not matter).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "sourceRef", "title", "description", "startsAt", "endsAt", "timeZone", "country", "city", "venueName",
        "latitude", "longitude", "onlineLink", "format", "attendance", "minAge", "maxAge", "languages", "tags",
        "capacity", "campaign", "organiserName", "imageUrl",
    ];

    private static readonly Dictionary<string, string> FieldNames = Fields.ToDictionary(field => field, StringComparer.OrdinalIgnoreCase);

    public static bool IsCsv(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The rows of a CSV file. Empty lines are skipped; a header column no field has is refused.</summary>
    public static IReadOnlyList<ImportRowText> FromCsv(byte[] body)
    {
        var options = CsvReaderOptions.Default with
        {
            // Fixed, so a semicolon inside languages or tags is never taken for the separator.
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 512 * 1024,
            IncludeValuesInExceptions = false,
        };
        try
        {
            using var csv = CsvReader.Create(body, options);
            var columns = csv.Headers.Select(Column).ToList();
            if (columns.GroupBy(column => column).FirstOrDefault(group => group.Count() > 1) is { } twice)
            {
                throw new ImportFileException("header", $"The column '{twice.Key}' appears twice.");
            }

            if (!columns.Contains("sourceRef"))
            {
                throw new ImportFileException("header", "The header row must name the columns, sourceRef among them.");
            }

            var rows = new List<ImportRowText>();
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    throw TooManyRows();
                }

                var fields = new Dictionary<string, ImportValue>(StringComparer.Ordinal);
                for (var index = 0; index < columns.Count && index < csv.FieldCount; index++)
                {
                    if (csv.GetString(index) is { Length: > 0 } text)
                    {
                        fields[columns[index]] = new ImportValue(text);
                    }
                }

                rows.Add(new ImportRowText(rows.Count + 1, fields));
            }

            return rows;
        }
        catch (CsvFormatException malformed)
        {
            throw new ImportFileException("body", $"Not readable as CSV: {malformed.Message}");
        }
    }

    /// <summary>The rows of a JSON array of objects. A property no field has is the row's problem, not the file's.</summary>
    public static IReadOnlyList<ImportRowText> FromJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException malformed)
        {
            throw new ImportFileException("body", $"Not readable as JSON: {malformed.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFileException("body", "An array of objects, one per activity.");
            }

            if (document.RootElement.GetArrayLength() > MaxRows)
            {
                throw TooManyRows();
            }

            var rows = new List<ImportRowText>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var row = rows.Count + 1;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new ImportFileException(string.Create(CultureInfo.InvariantCulture, $"[{row - 1}]"), "Each element must be an object.");
                }

                var fields = new Dictionary<string, ImportValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (Value(property.Value) is { } value)
                    {
                        fields[FieldNames.GetValueOrDefault(property.Name, property.Name)] = value;
                    }
                }

                rows.Add(new ImportRowText(row, fields));
            }

            return rows;
        }
    }

    private static string Column(string header) =>
        FieldNames.TryGetValue(header.Trim(), out var field)
            ? field
            : throw new ImportFileException("header", $"Unknown column '{Shorten(header)}'; the columns are: {string.Join(", ", Fields)}.");

    private static ImportValue? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? new ImportValue(text) : null,
        JsonValueKind.Number => new ImportValue(value.GetRawText()),
        JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            new ImportValue(null, value.EnumerateArray().Select(item => item.GetString()!).ToList()),
        _ => new ImportValue(null, WrongType: true),
    };

    private static ImportFileException TooManyRows() =>
        new("rows", string.Create(CultureInfo.InvariantCulture, $"At most {MaxRows} rows per request; split the file."));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
