using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Testing;

namespace Community.Web.Tests;

[Collection(WebCollection.Name)]
public sealed partial class OpenApiTests(WebFixture fixture)
{
    /// <summary>
    /// Every row of design.md's HTTP API v1 table but photos and summary (the summaries issue documents those) and
    /// the public pages, read from design.md itself so the test follows the contract.
    /// </summary>
    public static TheoryData<string, string> DesignRoutes()
    {
        var design = File.ReadAllText(DesignPath());
        var routes = new TheoryData<string, string>();
        foreach (Match row in TableRow().Matches(design))
        {
            // "..." stands for the board's route; some rows spell its last part out (".../boards/{boardId}/cards").
            const string board = "/api/meetings/{meetingId}/boards/{boardId}";
            // A row may spell out its query string ("/api/directory?q=&country=…"): the route is what comes before it.
            var path = row.Groups["path"].Value.Split('?')[0].Replace(".../boards/{boardId}", board, StringComparison.Ordinal).Replace("...", board, StringComparison.Ordinal);
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.Contains("/photos", StringComparison.Ordinal) || path.Contains("/summary", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in row.Groups["methods"].Value.Split('/', StringSplitOptions.TrimEntries))
            {
                routes.Add(method.Trim('`', ' ').ToLowerInvariant(), path);
            }
        }

        return routes;
    }

    [Theory]
    [MemberData(nameof(DesignRoutes))]
    public async Task Every_route_of_the_design_is_documented_with_its_responses(string method, string path)
    {
        using var client = fixture.App.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the OpenAPI document.");
        var responses = operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToList();
        Assert.Contains(responses, status => status.StartsWith('2'));
        Assert.Contains(responses, status => status.StartsWith('4'));
        // Any route may meet a silo or storage outage: clients must know to retry after a 503.
        Assert.Contains("503", responses);
        if (method is "post" or "put" or "patch" && operation.TryGetProperty("requestBody", out var body))
        {
            Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
        }
    }

    /// <summary>The team's shared contract beside the checkout (CI has it there), else the copy in docs/.</summary>
    private static string DesignPath() =>
        new[] { Path.Combine("..", "shared"), Path.Combine("..", "..", "shared"), "docs" }
            .Select(folder => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, folder, "design.md")))
            .First(File.Exists);

    /// <summary>"| `PUT` / `DELETE .../cards/{cardId}/interest` | ..." and "| `POST /api/join` `{...}` | ...".</summary>
    [GeneratedRegex(@"^\| `(?<methods>(?:GET|POST|PUT|PATCH|DELETE)(?:` / `(?:GET|POST|PUT|PATCH|DELETE))*) (?<path>[^` ]+)", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
