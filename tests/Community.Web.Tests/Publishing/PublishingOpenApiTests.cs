using System.Text.Json;

namespace Community.Web.Tests.Publishing;

[Collection(WebCollection.Name)]
public sealed class PublishingOpenApiTests(WebFixture fixture)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "post", "/api/meetings/{meetingId}/boards/{boardId}/cards/{cardId}/photos" },
        { "get", "/media/{name}" },
        { "get", "/api/meetings/{meetingId}/summary" },
        { "put", "/api/meetings/{meetingId}/summary" },
        { "post", "/api/meetings/{meetingId}/summary/draft" },
        { "post", "/api/meetings/{meetingId}/summary/preview" },
        { "post", "/api/meetings/{meetingId}/summary/publish" },
        { "get", "/api/meetings/{meetingId}/summary/versions" },
        { "get", "/m/{meetingId}/summary.md" },
        { "get", "/api/meetings/{meetingId}/export/calendar.ics" },
        { "get", "/api/meetings/{meetingId}/export/cards.csv" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_publishing_route_is_documented_with_its_problems(string method, string path)
    {
        using var client = fixture.App.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the OpenAPI document.");
        Assert.True(operation.TryGetProperty("summary", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("404", out _) || operation.GetProperty("responses").TryGetProperty("401", out _));
    }
}
