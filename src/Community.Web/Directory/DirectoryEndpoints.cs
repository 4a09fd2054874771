using System.Globalization;
using System.Text;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Community.Web.Directory;

/// <summary>
/// The public directory's API (docs/directory.md): a page of activities with counts, the map's clusters for a box
/// and zoom, and every matching activity as CSV or JSON. Anyone may ask: the directory holds approved listings only.
/// </summary>
public static class DirectoryEndpoints
{
    /// <summary>The most activities one export holds.</summary>
    public const int MaxExport = 50_000;

    /// <summary>A map request's box at most this many pixels wide and high at its zoom: a screen or two, never the world at street level.</summary>
    public const int MaxMapPixels = 8_192;

    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var directory = endpoints.MapGroup("/api/directory").WithTags("Directory");
        directory.MapGet("", SearchAsync)
            .WithName("SearchDirectory").WithSummary("Public: a page of approved activities matching the filters, with counts by country and format")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        directory.MapGet("/map", MapAsync)
            .WithName("DirectoryMap").WithSummary("Public: matching activities in a box (bbox=south,west,north,east), clustered on a grid fixed per zoom (0-18)")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        directory.MapGet("/export.csv", ExportCsvAsync)
            .WithName("ExportDirectoryCsv").WithSummary("Public: every matching activity (at most 50,000) as CSV, times in ISO 8601 with offsets")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        directory.MapGet("/export.json", ExportJsonAsync)
            .WithName("ExportDirectoryJson").WithSummary("Public: every matching activity (at most 50,000) as a JSON array")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<Results<Ok<DirectoryResponse>, ValidationProblem>> SearchAsync(HttpRequest request, IGrainFactory grains)
    {
        if (!DirectoryFilters.TryParse(request.Query, out var query, out var problems))
        {
            return Problems.Validation(problems);
        }

        var page = DirectoryFilters.PageOf(request.Query);
        var found = await grains.GetGrain<IDirectoryGrain>(0).Search(query, (page - 1) * DirectoryFilters.PageSize, DirectoryFilters.PageSize);
        return TypedResults.Ok(new DirectoryResponse(
            found.Total,
            page,
            DirectoryFilters.PageSize,
            [.. found.Entries.Select(DirectoryItem.From)],
            found.ByCountry,
            found.ByFormat.ToDictionary(pair => DirectoryFilters.Name(pair.Key), pair => pair.Value)));
    }

    private static async Task<Results<Ok<DirectoryMapResponse>, ValidationProblem>> MapAsync(HttpRequest request, IGrainFactory grains)
    {
        DirectoryFilters.TryParse(request.Query, out var query, out var problems);
        var zoom = Zoom(request.Query["zoom"].ToString(), problems);
        var box = Box(request.Query["bbox"].ToString(), zoom, problems);
        if (problems.Count > 0 || zoom is not { } level || box is null)
        {
            return Problems.Validation(problems);
        }

        return TypedResults.Ok(new DirectoryMapResponse(level, await grains.GetGrain<IDirectoryGrain>(0).Map(query, box, level)));
    }

    private static int? Zoom(string text, Dictionary<string, string[]> problems)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var zoom) && zoom <= DirectoryMap.MaxZoom)
        {
            return zoom;
        }

        problems["zoom"] = [$"A whole number from 0 to {DirectoryMap.MaxZoom}."];
        return null;
    }

    /// <summary>"south,west,north,east" in degrees; West east of East crosses the antimeridian.</summary>
    private static BoundingBox? Box(string text, int? zoom, Dictionary<string, string[]> problems)
    {
        var parts = text.Split(',');
        var numbers = parts.Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN).ToArray();
        if (parts.Length != 4 || numbers.Any(number => !double.IsFinite(number)))
        {
            problems["bbox"] = ["Four numbers: south,west,north,east in degrees."];
            return null;
        }

        var box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (box.South is < -90 or > 90 || box.North is < -90 or > 90 || box.West is < -180 or > 180 || box.East is < -180 or > 180)
        {
            problems["bbox"] = ["Latitudes from -90 to 90, longitudes from -180 to 180."];
            return null;
        }

        if (box.South > box.North)
        {
            problems["bbox"] = ["South is not north of north."];
            return null;
        }

        if (zoom is { } level && Pixels(box, level) is var (width, height) && (width > MaxMapPixels || height > MaxMapPixels))
        {
            problems["bbox"] = [$"At zoom {level} a box is at most {MaxMapPixels} pixels wide and high: zoom out or ask for a smaller box."];
            return null;
        }

        return box;
    }

    /// <summary>The box's size on the Web Mercator map at this zoom (the world is 256·2^zoom pixels square).</summary>
    private static (double Width, double Height) Pixels(BoundingBox box, int zoom)
    {
        var world = 256.0 * (1L << zoom);
        var span = box.West <= box.East ? box.East - box.West : box.East - box.West + 360;
        static double Y(double latitude)
        {
            var radians = Math.Clamp(latitude, -85.05112878, 85.05112878) * Math.PI / 180;
            return (1 - Math.Log(Math.Tan(radians) + 1 / Math.Cos(radians)) / Math.PI) / 2;
        }

        return (span / 360 * world, (Y(box.South) - Y(box.North)) * world);
    }

    /// <summary>The CSV columns, in order.</summary>
    public static readonly string[] CsvColumns =
    [
        "meetingId", "url", "title", "startsAt", "endsAt", "timeZone", "country", "city", "venue", "format", "attendance",
        "minAge", "maxAge", "languages", "tags", "campaign", "organiser", "cancelled", "latitude", "longitude", "participants",
    ];

    private static async Task<IResult> ExportCsvAsync(HttpRequest request, IGrainFactory grains)
    {
        if (!DirectoryFilters.TryParse(request.Query, out var query, out var problems))
        {
            return Problems.Validation(problems);
        }

        var entries = await grains.GetGrain<IDirectoryGrain>(0).Entries(query, MaxExport);
        var origin = $"{request.Scheme}://{request.Host}";
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A title like "=HYPERLINK(...)" must open as text in a spreadsheet, not as a formula.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(CsvColumns);
            foreach (var item in entries.Select(DirectoryItem.From))
            {
                csv.WriteRecord(Row(item, origin));
            }
        }

        return Download(TypedResults.Text(text.ToString(), "text/csv; charset=utf-8", Encoding.UTF8), "directory.csv");
    }

    private static async Task<IResult> ExportJsonAsync(HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        if (!DirectoryFilters.TryParse(request.Query, out var query, out var problems))
        {
            return Problems.Validation(problems);
        }

        var entries = await grains.GetGrain<IDirectoryGrain>(0).Entries(query, MaxExport);
        var body = JsonSerializer.SerializeToUtf8Bytes(entries.Select(DirectoryItem.From), json.Value.SerializerOptions);
        return Download(TypedResults.Bytes(body, "application/json"), "directory.json");
    }

    private static IResult Download(IResult result, string name) => new DownloadResult(result, name);

    private static string[] Row(DirectoryItem item, string origin) =>
    [
        item.MeetingId, origin + item.Url, item.Title, Iso(item.StartsAt), Iso(item.EndsAt), item.TimeZone, item.Country, item.City ?? "",
        item.VenueName ?? "", DirectoryFilters.Name(item.Format), DirectoryFilters.Name(item.Attendance), Number(item.MinAge), Number(item.MaxAge),
        string.Join(";", item.Languages), string.Join(";", item.Tags), item.Campaign ?? "", item.Organiser ?? "", item.Cancelled ? "true" : "false",
        Number(item.Latitude), Number(item.Longitude), Number(item.Participants),
    ];

    private static string Iso(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Number<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Adds Content-Disposition, so a browser saves the export under its name.</summary>
    private sealed class DownloadResult(IResult inner, string name) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            return inner.ExecuteAsync(context);
        }
    }
}
