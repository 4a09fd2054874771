using Community.Grains.Abstractions;
using Community.Web.Directory;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Community.Web.Pages;

/// <summary>
/// /meetings: the public directory, rendered on the server so it works without script. The filters are a GET form
/// whose fields are the query string (<see cref="DirectoryFilters"/>), so every link to this page is a search; bad
/// values are said next to their field, with a 400 and no results. <c>view=map</c> shows the map instead of the list.
/// </summary>
public sealed class MeetingsModel(IGrainFactory grains, IOptions<DirectoryPageOptions> options, IStringLocalizer<PageText> texts) : PageModel
{
    public const string MapView = "map";

    public DirectoryQuery Query { get; private set; } = new();

    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();

    public DirectoryPage? Found { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Found is null ? 0 : Math.Max(1, (int)Math.Ceiling(Found.Total / (double)DirectoryFilters.PageSize));

    public bool ShowsMap { get; private set; }

    public DirectoryPageOptions Options => options.Value;

    public async Task OnGetAsync(string? view)
    {
        ShowsMap = view == MapView;
        var valid = DirectoryFilters.TryParse(Request.Query, out var query, out var problems);
        Query = query;
        Problems = problems;
        if (!valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        PageNumber = DirectoryFilters.PageOf(Request.Query);
        // The map asks for its own points; its page shows the counts only.
        var take = ShowsMap ? 0 : DirectoryFilters.PageSize;
        Found = await grains.GetGrain<IDirectoryGrain>(0).Search(query, (PageNumber - 1) * DirectoryFilters.PageSize, take);
    }

    /// <summary>This search with other filters, another page or the other view: a link that keeps everything else.</summary>
    public string Link(DirectoryQuery query, int page = 1, bool? map = null) =>
        "/meetings" + DirectoryFilters.ToQueryString(query, (DirectoryFilters.Page, page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            ("view", map ?? ShowsMap ? MapView : null));

    public string ExportLink(string format) => $"/api/directory/export.{format}" + DirectoryFilters.ToQueryString(Query);

    public string MapConfigJson() => System.Text.Json.JsonSerializer.Serialize(new
    {
        points = "/api/directory/map" + DirectoryFilters.ToQueryString(Query),
        tiles = Options.TileUrl,
        attribution = Options.TileAttribution,
        outlines = "/lib/world-atlas/countries-110m.json",
    });

    /// <summary>The id of a field's error message (for aria-describedby), when it has one.</summary>
    public string? ErrorId(string name) => Problems.ContainsKey(name) ? $"{name}-error" : null;

    public IHtmlContent Error(string name) => Problems.ContainsKey(name)
        ? new HtmlContentBuilder().AppendHtml($"<span class=\"field-error\" id=\"{name}-error\">").Append(texts[$"Directory.Invalid.{name}"]).AppendHtml("</span>")
        : HtmlString.Empty;

    public string FormatName(MeetingFormat format) => texts[$"Directory.Format.{format}"];

    public string AttendanceName(AttendanceMode attendance) => texts[$"Directory.Attendance.{attendance}"];
}

/// <summary>The map's tiles, from <c>Directory</c> (e.g. <c>Directory__TileUrl</c>); the CSP lets their host serve images.</summary>
public sealed class DirectoryPageOptions
{
    public const string Section = "Directory";

    /// <summary>A Leaflet tile URL template; {s} (subdomains) is allowed.</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>What the CSP must allow for the tiles: "https://tile.openstreetmap.org", "https://*.tile.example.org".</summary>
    public string? TileSource()
    {
        var template = TileUrl.Replace("{s}", "subdomain", StringComparison.Ordinal);
        if (!Uri.TryCreate(template.Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0").Replace("{r}", ""), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = uri.Host.StartsWith("subdomain.", StringComparison.Ordinal) ? "*" + uri.Host["subdomain".Length..] : uri.Host;
        return $"{uri.Scheme}://{host}" + (uri.IsDefaultPort ? "" : $":{uri.Port}");
    }
}
