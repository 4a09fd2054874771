using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>The edge (issue 10, item 6): security headers, the API's Origin check, /healthz detail, QR input, shown text.</summary>
[Collection(WebCollection.Name)]
public sealed class EdgeTests(WebFixture fixture)
{
    private const string ForeignOrigin = "https://evil.example";

    private CommunityWebApp App => fixture.App;

    private string OwnOrigin => App.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Every_page_api_file_and_error_response_carries_the_security_headers()
    {
        using var session = await ApiSession.StartAsync(App);
        var meeting = session.Meeting;
        string[] paths =
        [
            "/", "/new", "/denied", $"/j/{meeting.JoinCode}", $"/j/{meeting.JoinCode}/qr.svg", $"/m/{meeting.MeetingId}",
            $"/m/{meeting.MeetingId}/organise", $"/m/{meeting.MeetingId}/b/{session.Board.BoardId}/projector",
            "/css/site.css", "/js/api.js", "/lib/signalr/signalr.min.js", "/healthz", "/openapi/v1.json",
            session.MeetingUrl, "/api/meetings/no-such-meeting", "/no-such-page", "/language/bg?returnUrl=/",
        ];
        using var client = UnfollowingClient(App);
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            AssertSecurityHeaders(response, path);
        }

        using var unreadable = await session.Ana.PostAsync($"{session.BoardUrl}/cards", new StringContent("{", null, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        AssertSecurityHeaders(unreadable, "a 400 problem");
    }

    [Fact]
    public async Task A_request_with_the_page_cookie_from_another_site_is_refused_and_changes_nothing_while_the_sites_own_pages_and_bearer_clients_pass()
    {
        // Signed in by cookie through the new-meeting page, as a person is.
        using var browser = App.CreateClient();
        using var created = await PageForms.PostAsync(browser, "/new", "/new", new Dictionary<string, string>
        {
            ["Form.Title"] = "Cookie meeting",
            ["OrganiserName"] = "Mila",
            ["Form.TimeZone"] = "Europe/Sofia",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var meetingId = created.RequestMessage!.RequestUri!.Segments[2].TrimEnd('/');
        var boards = $"/api/meetings/{meetingId}/boards";
        object board = new { kind = "glocal", title = "Ideas", region = "Europe", countries = new[] { "BG" } };

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(browser, boards, board, origin: ForeignOrigin));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(browser, boards, board, origin: "null"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(browser, boards, board, fetchSite: "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(browser, boards, board));
        Assert.Empty((await browser.GetFromJsonAsync<MeetingView>($"/api/meetings/{meetingId}", CommunityWebApp.Json))!.Boards);

        // The site's own pages: fetch sends Origin (and Sec-Fetch-Site) with every POST.
        Assert.Equal(HttpStatusCode.Created, await PostAsync(browser, boards, board, origin: OwnOrigin));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(browser, boards, board, fetchSite: "same-origin"));
        var boardId = (await browser.GetFromJsonAsync<MeetingView>($"/api/meetings/{meetingId}", CommunityWebApp.Json))!.Boards[0].BoardId;
        using var proposed = await SendAsync(browser, HttpMethod.Post, $"{boards}/{boardId}/cards", JsonContent.Create(new { title = "Maker clubs" }), OwnOrigin, null);
        var card = await CommunityWebApp.ReadAsync<CardView>(proposed);
        var cardUrl = $"{boards}/{boardId}/cards/{card.CardId}";

        // The multipart photo upload a foreign page can send without asking (no CORS preflight).
        var photo = new MultipartFormDataContent { { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xD9]) { Headers = { ContentType = new("image/jpeg") } }, "file", "x.jpg" } };
        using var upload = await SendAsync(browser, HttpMethod.Post, $"{cardUrl}/photos", photo, ForeignOrigin, null);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var problem = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/problems/forbidden", problem.GetProperty("type").GetString());
        var discussion = await browser.GetFromJsonAsync<CardDiscussion>($"{cardUrl}/notes", CommunityWebApp.Json);
        Assert.Empty(discussion!.Photos);

        // A bearer token is not sent by browsers on their own: a client holding one may call from anywhere.
        var meeting = await App.CreateMeetingAsync();
        using var api = App.CreateClient(meeting.OrganiserToken);
        Assert.Equal(HttpStatusCode.Created, await PostAsync(api, $"/api/meetings/{meeting.MeetingId}/boards", board, origin: ForeignOrigin));
    }

    [Fact]
    public async Task Healthz_shows_its_detail_to_loopback_only()
    {
        // The test's client is on this machine: an operator.
        using var client = App.CreateClient();
        var local = await client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("healthy", local.GetProperty("status").GetString());
        Assert.Equal("reachable", local.GetProperty("storage").GetString());

        // Behind the TLS proxy (production), a visitor from outside gets the status alone.
        await using var production = ProductionApp();
        using var proxied = production.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "X-Forwarded-For", "203.0.113.7" }, { "X-Forwarded-Proto", "https" } } };
        using var response = await proxied.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var remote = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", remote.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, remote.GetProperty("storage").ValueKind);
        Assert.Equal(JsonValueKind.Null, remote.GetProperty("detail").ValueKind);
        Assert.DoesNotContain("127.0.0.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_behind_a_tls_proxy_cookies_are_secure_hsts_is_sent_and_the_projector_may_be_framed_by_the_configured_origin()
    {
        await using var production = ProductionApp();
        using var client = UnfollowingClient(production);

        using var form = await SendProxiedAsync(client, HttpMethod.Get, "/new");
        Assert.Contains("max-age=", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgeryCookie = Assert.Single(form.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);

        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Title"] = "Behind the proxy",
                ["OrganiserName"] = "Mila",
                ["Form.TimeZone"] = "Europe/Sofia",
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        using var signedIn = await SendProxiedAsync(client, post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var sessionCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("community=", StringComparison.Ordinal));
        Assert.Contains("secure", sessionCookie, StringComparison.OrdinalIgnoreCase);

        var projector = $"{signedIn.Headers.Location!.OriginalString.Replace("/organise", "", StringComparison.Ordinal)}/b/any/projector";
        using var framed = await SendProxiedAsync(client, HttpMethod.Get, projector);
        Assert.Contains("frame-ancestors https://signage.example", framed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var home = await SendProxiedAsync(client, HttpMethod.Get, "/");
        Assert.Contains("frame-ancestors 'none'", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65, 'A')]
    [InlineData(3_000, 'A')]
    [InlineData(6, '.')]
    [InlineData(1, '\u202e')]
    [InlineData(2, '\0')]
    public async Task The_qr_code_of_anything_but_a_code_is_refused(int length, char character)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync($"/j/{Uri.EscapeDataString(new string(character, length))}/qr.svg");
        // Kestrel itself may refuse a NUL in the path (400); the endpoint answers 404; never 500.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
    }

    [Fact]
    public async Task The_qr_code_of_a_join_code_is_an_svg_without_inline_style()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/j/ACE-FGH/qr.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("\u202eOrganiser\u200b", "Organiser")]
    [InlineData("  Ana\u0000 \u2066Petrova\u2069\t", "Ana Petrova")]
    [InlineData("Cafe\u0301", "Caf\u00e9")]
    [InlineData("\ufeffBoris\u2060", "Boris")]
    [InlineData("Mila 👩\u200d💻", "Mila 👩\u200d💻")]
    [InlineData("\u200dMila\u200c ", "Mila")]
    [InlineData("line\r\nbreak\u2028", "line break")]
    public void A_shown_line_is_normalised(string typed, string shown) => Assert.Equal(shown, UserText.Line(typed));

    [Fact]
    public void A_description_keeps_its_line_breaks_and_loses_lone_surrogates()
    {
        Assert.Equal("one\ntwo\n\nthree", UserText.Lines("one\r\ntwo\r\n\u202a\r\nthree\u200b"));
        Assert.Equal("lone", UserText.Line("\ud800lone\udc00"));
    }

    [Fact]
    public async Task Names_and_titles_are_normalised_by_the_api_and_refused_when_nothing_visible_is_left()
    {
        var meeting = await App.CreateMeetingAsync("\u202eSofia\u200b meeting\u0007");
        Assert.Equal("Sofia meeting", meeting.Meeting.Details.Title);
        var board = await App.CreateBoardAsync(meeting.OrganiserToken, meeting.MeetingId, new
        {
            kind = "glocal",
            title = "Ideas\u2067",
            region = "\u200bEurope",
            countries = new[] { "BG" },
            lanes = new[] { new { id = "now", title = "\u202dNow" } },
        });
        Assert.Equal(("Ideas", "Europe"), (board.Title, board.Region?.Name));
        var member = await App.JoinAsync(meeting.JoinCode, "\u202eOrganiser\u200b");
        using var client = App.CreateClient(member.Token);

        using var proposed = await client.PostAsJsonAsync(
            $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards", new { title = "\u202eTopic\u200b", description = "first\r\nsecond\u0000" });
        var card = await CommunityWebApp.ReadAsync<CardView>(proposed);
        Assert.Equal(("Organiser", "Topic", "first\nsecond"), (card.AuthorName, card.Title, card.Description));

        await AssertRefusedAsync(App.CreateClient(), "/api/join", new { code = meeting.JoinCode, displayName = "\u200b\u202e\u2066\u0000" }, "displayName");
        await AssertRefusedAsync(App.CreateClient(), "/api/meetings", new { title = "\u200b" }, "title");
        await AssertRefusedAsync(client, $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards", new { title = "\u2028\u200b" }, "title");
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        await AssertRefusedAsync(organiser, $"/api/meetings/{meeting.MeetingId}/boards", new { kind = "glocal", title = "Regions", region = "\u202e", countries = new[] { "BG" } }, "region");
    }

    [Fact]
    public async Task The_join_page_normalises_the_name_and_refuses_an_invisible_one()
    {
        var meeting = await App.CreateMeetingAsync();
        using var invisible = App.CreateClient();
        using var refused = await PageForms.PostAsync(invisible, $"/j/{meeting.JoinCode}", $"/j/{meeting.JoinCode}", new() { ["name"] = "\u202e\u200b" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.EndsWith($"/j/{meeting.JoinCode}", refused.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        using var browser = App.CreateClient();
        using var joined = await PageForms.PostAsync(browser, $"/j/{meeting.JoinCode}", $"/j/{meeting.JoinCode}", new() { ["name"] = "\u202eOrganiser\u200b" });
        Assert.Equal($"/m/{meeting.MeetingId}", joined.RequestMessage!.RequestUri!.AbsolutePath);
        var board = await App.CreateBoardAsync(meeting.OrganiserToken, meeting.MeetingId, new { kind = "glocal", title = "Ideas", region = "Europe", countries = new[] { "BG" } });
        using var proposed = await SendAsync(browser, HttpMethod.Post, $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards",
            JsonContent.Create(new { title = "Robotics" }), OwnOrigin, null);
        Assert.Equal("Organiser", (await CommunityWebApp.ReadAsync<CardView>(proposed)).AuthorName);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : null;
        Assert.True(policy is not null, $"{what} has no Content-Security-Policy.");
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
        {
            Assert.True(policy.Contains(directive, StringComparison.Ordinal), $"{what}: {policy} lacks {directive}.");
        }

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var referrer = response.Headers.GetValues("Referrer-Policy").Single();
        var carriesCodes = what.StartsWith("/j/", StringComparison.Ordinal) || what.StartsWith("/m/", StringComparison.Ordinal);
        Assert.True(referrer == (carriesCodes ? "no-referrer" : "strict-origin-when-cross-origin"), $"{what}: Referrer-Policy {referrer}.");
    }

    private static async Task AssertRefusedAsync(HttpClient client, string path, object body, string field)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: {problem}");
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, object body, string? origin = null, string? fetchSite = null)
    {
        using var response = await SendAsync(client, HttpMethod.Post, path, JsonContent.Create(body, options: CommunityWebApp.Json), origin, fetchSite);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return client.SendAsync(request);
    }

    /// <summary>As nginx forwards a visitor's HTTPS request: from loopback, naming the visitor and the scheme.</summary>
    private static Task<HttpResponseMessage> SendProxiedAsync(HttpClient client, HttpMethod method, string path) =>
        SendProxiedAsync(client, new HttpRequestMessage(method, path));

    private static Task<HttpResponseMessage> SendProxiedAsync(HttpClient client, HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return client.SendAsync(request);
    }

    /// <summary>A client that shows redirects and cookies as they come (the factory's client follows and keeps them).</summary>
    private static HttpClient UnfollowingClient(CommunityWebApp app) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

    /// <summary>A second web node on the fixture's cluster, configured as for production behind a TLS proxy.</summary>
    private CommunityWebApp ProductionApp() => CommunityWebApp.Start(fixture.Cluster, kestrel: true, new Dictionary<string, string?>
    {
        ["Community:Security:Https"] = "true",
        ["Community:Security:ProjectorFrameAncestors:0"] = "https://signage.example",
        ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "1000",
    });
}
