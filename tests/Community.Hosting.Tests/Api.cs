using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Community.Hosting.Tests;

/// <summary>The HTTP API as a phone calls it: JSON bodies, a bearer token, and a client that does not give up early.</summary>
internal static class Api
{
    // A hang guard well above the web's 10 s grain-call timeout: a request that outlives it has hung.
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>The answer's JSON; anything but success fails the test with the status and the problem.</summary>
    public static async Task<JsonNode> SendAsync(HttpMethod method, string url, string? token, object? body = null)
    {
        using var request = Request(method, url, token, body);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {method} {url}: {text}");
        return JsonNode.Parse(text)!;
    }
}
