using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Testing;

namespace Community.Web.Tests.Delivery;

/// <summary>Compression and caching as a browser on conference Wi-Fi sees them, over a real socket.</summary>
[Collection(WebCollection.Name)]
public sealed partial class DeliveryTests(WebFixture fixture) : IDisposable
{
    private readonly HttpClient _browser = NewBrowser(fixture.App.BaseAddress);

    [Fact]
    public async Task Pages_are_compressed_with_brotli_or_gzip_as_the_browser_asks()
    {
        using var brotli = await GetAsync("/", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, brotli.StatusCode);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);

        using var gzip = await GetAsync("/", "gzip");
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);

        using var plain = await GetAsync("/", null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Static_assets_have_fingerprinted_urls_that_are_cached_for_a_year()
    {
        // Development turns static asset caching off; ./run.sh and servers run as Production.
        await using var production = CommunityWebApp.Start(fixture.Cluster, kestrel: true, new Dictionary<string, string?> { ["environment"] = "Production" });
        using var browser = NewBrowser(production.BaseAddress);
        var meeting = await production.CreateMeetingAsync();
        var board = await production.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId);
        using var organiser = production.CreateClient(meeting.OrganiserToken);
        var page = await organiser.GetStringAsync($"/m/{meeting.MeetingId}/b/{board.BoardId}");

        // Our stylesheet and module, and the SignalR client from node_modules: all fingerprinted in the page.
        string[] assets = [Fingerprinted(page, "/css/site"), Fingerprinted(page, "/js/board"), Fingerprinted(page, "/lib/signalr/signalr.min")];
        foreach (var asset in assets)
        {
            using var response = await GetAsync(browser, asset, "br, gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.SingleOrDefault() is "br" or "gzip", $"{asset} is not compressed.");
            // Labelled compressed is not enough: the bytes on the wire must be fewer than the file's.
            using var identity = await GetAsync(browser, asset, null);
            var sent = (await response.Content.ReadAsByteArrayAsync()).Length;
            var whole = (await identity.Content.ReadAsByteArrayAsync()).Length;
            Assert.True(sent < whole * 3 / 4, $"{asset}: {sent} bytes sent compressed, {whole} uncompressed.");
            var cacheControl = response.Headers.CacheControl!;
            Assert.Equal(TimeSpan.FromDays(365), cacheControl.MaxAge);
            Assert.Contains(cacheControl.Extensions, extension => extension.Name == "immutable");
        }
    }

    [Fact]
    public async Task The_board_page_brings_its_board_and_names_every_module_it_will_import()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        var board = await fixture.App.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId);
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        await organiser.PostAsJsonAsync($"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards", new { title = "Robots </script> in class" });

        var page = await organiser.GetStringAsync($"/m/{meeting.MeetingId}/b/{board.BoardId}");

        // Fetched at once instead of one round trip per level of imports: board.js -> board/page.js -> api.js -> texts.js.
        foreach (var module in new[] { "/js/live.js", "/js/board/page.js", "/js/board/render.js", "/js/api.js", "/js/texts.js" })
        {
            Assert.Contains($"<link rel=\"modulepreload\" href=\"{module}\">", page);
        }

        // The board is in the page, so it shows before the live connection is up; its text cannot end the script element.
        var snapshot = Regex.Match(page, "<script type=\"application/json\" id=\"board-snapshot\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(snapshot.Success, "The page carries no board snapshot.");
        using var shown = JsonDocument.Parse(snapshot.Groups[1].Value);
        Assert.Equal("Robots </script> in class", shown.RootElement.GetProperty("cards")[0].GetProperty("title").GetString());
        Assert.True(shown.RootElement.TryGetProperty("myDots", out _));
    }

    [Fact]
    public async Task Answers_to_writes_that_mint_secrets_are_not_compressed()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/join")
        {
            Content = new StringContent($$"""{"code":"{{meeting.JoinCode}}","displayName":"Ana"}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var joined = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("\"token\"", await joined.Content.ReadAsStringAsync());
        Assert.Empty(joined.Content.Headers.ContentEncoding);
    }

    public void Dispose() => _browser.Dispose();

    /// <summary>A client that shows the bytes as sent: no decompression, no redirects followed.</summary>
    private static HttpClient NewBrowser(Uri baseAddress) =>
        new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    private Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding) => GetAsync(_browser, path, acceptEncoding);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient browser, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        }

        return await browser.SendAsync(request);
    }

    /// <summary>The URL the page links for an asset: its path with a content hash before the extension.</summary>
    private static string Fingerprinted(string page, string pathWithoutExtension)
    {
        var match = Regex.Match(page, "(?:src|href)=\"(" + Regex.Escape(pathWithoutExtension) + "\\.[a-z0-9]{6,}\\.(?:js|css))\"");
        Assert.True(match.Success, $"No fingerprinted URL for {pathWithoutExtension} in the page.");
        return match.Groups[1].Value;
    }
}
