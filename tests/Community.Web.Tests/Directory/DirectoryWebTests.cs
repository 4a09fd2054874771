using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Scenarios;
using Community.Web.Directory;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Community.Web.Tests.Directory;

/// <summary>
/// /meetings, the directory API, its map and exports over real HTTP, on entries seeded through the partitions
/// (listings are another grain's). Each test filters by a campaign of its own, so what other tests list stays out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DirectoryWebTests(WebFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 16, 0, 0, TimeSpan.Zero);

    private static string NewCampaign() => "test-" + Guid.NewGuid().ToString("N")[..12];

    private static DirectoryEntry Entry(string campaign, string country, string title, int day, MeetingFormat format = MeetingFormat.Workshop,
        GeoPoint? location = null, string zone = "Europe/Sofia") => new()
        {
            MeetingId = $"{campaign}-{title.GetHashCode():x8}-{day}",
            Title = title,
            Summary = "About " + title,
            StartsAt = Start.AddDays(day),
            EndsAt = Start.AddDays(day).AddHours(2),
            TimeZone = zone,
            Country = country,
            City = "Somewhere",
            Tags = ["stem"],
            Languages = ["en"],
            Listing = new ListingDetails { Format = format, CampaignSlug = campaign, Location = location ?? new GeoPoint(42.69, 23.32) },
        };

    private Task SeedAsync(params DirectoryEntry[] entries) => DirectorySamples.SeedAsync(fixture.Cluster.Grains, entries);

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static IReadOnlyList<string> Titles(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".directory-entry h2 a").Select(link => link.TextContent)];

    [Fact]
    public async Task Filters_combine_and_the_pages_form_facets_and_pager_links_keep_every_filter()
    {
        var campaign = NewCampaign();
        await SeedAsync(
        [
            .. Enumerable.Range(0, 23).Select(day => Entry(campaign, "BG", $"Robots workshop {day:D2}", day)),
            Entry(campaign, "BG", "Robots talk", 3, MeetingFormat.Talk),
            Entry(campaign, "RO", "Robots in Iasi", 4),
            Entry(campaign, "BG", "Gardening workshop", 5),
        ]);
        using var client = fixture.App.CreateClient();

        var first = await PageAsync(client, $"/meetings?q=robots&campaign={campaign}&format=workshop&country=BG");

        Assert.Equal(20, Titles(first).Count);
        Assert.Equal("Robots workshop 00", Titles(first)[0]);
        Assert.Contains("23", first.QuerySelector(".directory-total")!.TextContent);
        Assert.Equal("robots", ((IHtmlInputElement)first.QuerySelector("#q")!).Value);
        Assert.Equal(campaign, ((IHtmlInputElement)first.QuerySelector("#campaign")!).Value);
        Assert.Equal("BG", ((IHtmlSelectElement)first.QuerySelector("#country")!).Value);
        Assert.Equal("workshop", ((IHtmlSelectElement)first.QuerySelector("#format")!).Value);

        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await PageAsync(client, next);
        Assert.Equal(["Robots workshop 20", "Robots workshop 21", "Robots workshop 22"], Titles(second));
        Assert.Equal(Titles(first), Titles(await PageAsync(client, second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href")!)));

        var wider = await PageAsync(client, $"/meetings?q=robots&campaign={campaign}");
        var facets = wider.QuerySelectorAll(".facets a").ToDictionary(link => link.TextContent, link => link.GetAttribute("href")!);
        Assert.True(facets.ContainsKey("Talk") && facets.ContainsKey("Romania"), string.Join(", ", facets.Keys));
        var talks = facets["Talk"];
        Assert.Equal(["Robots talk"], Titles(await PageAsync(client, talks)));
        var romania = facets["Romania"];
        Assert.Equal(["Robots in Iasi"], Titles(await PageAsync(client, romania)));

        // The API reads the same query string the same way.
        using var api = await client.GetAsync($"/api/directory{new Uri(client.BaseAddress!, next).Query}");
        var json = await CommunityWebApp.ReadAsync<JsonElement>(api);
        Assert.Equal(23, json.GetProperty("total").GetInt32());
        Assert.Equal(2, json.GetProperty("page").GetInt32());
        Assert.Equal(Titles(second), json.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("title").GetString()));
        Assert.Equal(23, json.GetProperty("byFormat").GetProperty("workshop").GetInt32());
    }

    [Fact]
    public async Task A_parsed_query_string_writes_back_as_the_same_link()
    {
        const string link = "?q=caf%C3%A9%20robots&country=BG&from=2026-11-01&to=2026-11-30&campaign=codeweek-2026&format=careerDay&age=12" +
            "&language=bg&attendance=inPerson&tag=stem";
        var values = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link));

        Assert.True(DirectoryFilters.TryParse(values, out var query, out _));

        Assert.Equal(link, DirectoryFilters.ToQueryString(query));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(MeetingFormat.CareerDay, query.Format);
        var instants = new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-11-02T17:00:00+01:00", ["to"] = "2026-11-02T18:30:00Z" });
        Assert.True(DirectoryFilters.TryParse(instants, out var exact, out _));
        Assert.Equal("?from=2026-11-02T16%3A00%3A00Z&to=2026-11-02T18%3A30%3A00Z", DirectoryFilters.ToQueryString(exact));
        Assert.Equal("", DirectoryFilters.ToQueryString(new DirectoryQuery()));
    }

    public static TheoryData<string, string> BadFilters => new()
    {
        { "country=XX", "country" },
        { "country=Bulgaria", "country" },
        { "from=2026-11-10&to=2026-11-01", "to" },
        { "from=yesterday", "from" },
        { "to=2026-11-02T10:00:00", "to" },
        { "age=121", "age" },
        { "age=-1", "age" },
        { "age=ten", "age" },
        { "format=party", "format" },
        { "format=2", "format" },
        { "attendance=sometimes", "attendance" },
        { "campaign=No%20Spaces!", "campaign" },
        { "language=english!", "language" },
        { "tag=%23", "tag" },
        { "page=0", "page" },
        { "page=501", "page" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task A_bad_filter_is_a_problem_naming_it_in_the_api_and_the_exports_and_is_said_next_to_its_field_on_the_page(string filter, string field)
    {
        using var client = fixture.App.CreateClient();
        foreach (var path in new[] { "/api/directory", "/api/directory/export.csv", "/api/directory/export.json", "/api/directory/map" })
        {
            using var response = await client.GetAsync($"{path}?{filter}&bbox=40,20,45,25&zoom=6");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("/problems/invalid", problem.GetProperty("type").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}?{filter}: {problem}");
        }

        var page = await PageAsync(client, $"/meetings?{filter}", HttpStatusCode.BadRequest);
        Assert.Empty(page.QuerySelectorAll(".directory-entry"));
        Assert.NotNull(page.QuerySelector($"#{field}-error"));
        if (page.QuerySelector($"#{field}") is { } input)
        {
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Equal($"{field}-error", input.GetAttribute("aria-describedby"));
        }
    }

    public static TheoryData<string, string> BadMaps => new()
    {
        { "zoom=6", "bbox" },
        { "bbox=40,20,45,25", "zoom" },
        { "bbox=40,20,45,25&zoom=19", "zoom" },
        { "bbox=40,20,45,25&zoom=-1", "zoom" },
        { "bbox=40,20,45&zoom=6", "bbox" },
        { "bbox=40,20,45,x&zoom=6", "bbox" },
        { "bbox=45,20,40,25&zoom=6", "bbox" },
        { "bbox=-95,20,45,25&zoom=6", "bbox" },
        { "bbox=40,20,45,181&zoom=6", "bbox" },
        { "bbox=-80,-180,80,180&zoom=10", "bbox" },
    };

    [Theory]
    [MemberData(nameof(BadMaps))]
    public async Task A_map_request_needs_a_box_in_range_and_a_zoom_from_0_to_18(string parameters, string field)
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync($"/api/directory/map?{parameters}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_map_clusters_what_is_inside_the_box_and_shows_a_lone_activity_as_itself()
    {
        var campaign = NewCampaign();
        await SeedAsync(
        [
            Entry(campaign, "BG", "Sofia one", 1, location: new GeoPoint(42.69, 23.32)),
            Entry(campaign, "BG", "Sofia two", 2, location: new GeoPoint(42.70, 23.33)),
            Entry(campaign, "BG", "Plovdiv", 3, location: new GeoPoint(42.14, 24.75)),
            Entry(campaign, "PT", "Lisbon", 4, location: new GeoPoint(38.72, -9.14), zone: "Europe/Lisbon"),
            Entry(campaign, "FJ", "Suva", 5, location: new GeoPoint(-18.14, 178.44), zone: "Pacific/Fiji"),
        ]);
        using var client = fixture.App.CreateClient();

        async Task<List<JsonElement>> PointsAsync(string bbox, int zoom)
        {
            using var response = await client.GetAsync($"/api/directory/map?campaign={campaign}&bbox={bbox}&zoom={zoom}");
            return [.. (await CommunityWebApp.ReadAsync<JsonElement>(response)).GetProperty("points").EnumerateArray()];
        }

        var bulgaria = await PointsAsync("41,22,44.5,29", 5);
        Assert.Equal(3, bulgaria.Sum(point => point.GetProperty("count").GetInt32()));
        var world = await PointsAsync("-85,-180,85,180", 1);
        Assert.Equal(5, world.Sum(point => point.GetProperty("count").GetInt32()));
        Assert.Equal(3, Assert.Single(world, point => point.GetProperty("count").GetInt32() == 3).GetProperty("count").GetInt32());
        var pacific = Assert.Single(await PointsAsync("-30,170,-10,-170", 4));
        Assert.Equal("Suva", pacific.GetProperty("title").GetString());
        Assert.StartsWith("/m/", "/m/" + pacific.GetProperty("meetingId").GetString());
        Assert.Equal("Pacific/Fiji", pacific.GetProperty("timeZone").GetString());
        var close = await PointsAsync("42.5,23,43,23.6", 12);
        Assert.Equal(["Sofia one", "Sofia two"], close.Select(point => point.GetProperty("title").GetString()).Order());
    }

    [Fact]
    public async Task The_exports_hold_every_match_with_offsets_of_the_events_zone_and_escape_formulas()
    {
        var campaign = NewCampaign();
        await SeedAsync(
        [
            Entry(campaign, "BG", "=HYPERLINK(\"http://evil.example\",\"Click\")", 1),
            Entry(campaign, "PT", "Lisbon talk", 2, MeetingFormat.Talk, new GeoPoint(38.72, -9.14), "Europe/Lisbon") with { Cancelled = true },
            Entry(campaign, "BG", "Other", 3, MeetingFormat.Talk),
        ]);
        using var client = fixture.App.CreateClient();

        using var csvResponse = await client.GetAsync($"/api/directory/export.csv?campaign={campaign}&format=workshop");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("directory.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var csv = CsvReader.FromText(await csvResponse.Content.ReadAsStringAsync());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(DirectoryEndpoints.CsvColumns.ToDictionary(column => column, column => csv.GetString(column)));
        }

        Assert.Equal(DirectoryEndpoints.CsvColumns, csv.Headers);
        var row = Assert.Single(rows);
        Assert.StartsWith("'=HYPERLINK", row["title"]);
        Assert.Equal("2026-11-03T18:00:00+02:00", row["startsAt"]);
        Assert.Equal("workshop", row["format"]);
        Assert.EndsWith($"/m/{row["meetingId"]}", row["url"]);

        using var jsonResponse = await client.GetAsync($"/api/directory/export.json?campaign={campaign}");
        var items = (await CommunityWebApp.ReadAsync<JsonElement>(jsonResponse)).EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var lisbon = items.Single(item => item.GetProperty("title").GetString() == "Lisbon talk");
        Assert.Equal("2026-11-04T16:00:00+00:00", lisbon.GetProperty("startsAt").GetString());
        Assert.True(lisbon.GetProperty("cancelled").GetBoolean());
        Assert.Equal("talk", lisbon.GetProperty("format").GetString());
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"Click\")", items[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_page_marks_a_cancelled_activity_and_shows_its_time_in_its_own_zone()
    {
        var campaign = NewCampaign();
        await SeedAsync(Entry(campaign, "BG", "Called off", 1) with { Cancelled = true });
        using var client = fixture.App.CreateClient();

        var page = await PageAsync(client, $"/meetings?campaign={campaign}");

        var entry = Assert.Single(page.QuerySelectorAll(".directory-entry"));
        Assert.Contains("cancelled", entry.ClassList);
        Assert.Equal("Cancelled", entry.QuerySelector(".cancelled-mark")!.TextContent);
        Assert.Equal("Europe/Sofia", entry.QuerySelector(".when")!.GetAttribute("data-zone"));
        Assert.Contains("18:00", entry.QuerySelector(".when time")!.TextContent);
        Assert.Equal($"/m/{campaign}", entry.QuerySelector("h2 a")!.GetAttribute("href")![..(3 + campaign.Length)]);
    }
}
