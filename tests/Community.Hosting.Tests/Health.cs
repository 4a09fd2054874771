using System.Net;

namespace Community.Hosting.Tests;

/// <summary>What GET /healthz of a web process answers; a refused connection counts as no answer (0).</summary>
public sealed class Health(string webUrl)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<(HttpStatusCode Status, string Body)> GetAsync()
    {
        try
        {
            using var response = await Http.GetAsync($"{webUrl}/healthz");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (0, exception.Message);
        }
    }

    public Task<(HttpStatusCode Status, string Body)> UntilAsync(HttpStatusCode status, Func<string> describe) =>
        Eventually.UntilAsync(GetAsync, answer => answer.Status == status, describe);
}
