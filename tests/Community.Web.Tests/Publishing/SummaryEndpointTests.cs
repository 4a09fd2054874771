using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Community.Content;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Html;
using Community.Testing.Scenarios;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Publishing;

[Collection(WebCollection.Name)]
public sealed class SummaryEndpointTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task Organiser_generates_edits_previews_publishes_and_everyone_reads_the_page_and_the_markdown()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture);
        using var anonymous = App.CreateClient();
        using (var before = await anonymous.GetAsync($"/m/{web.MeetingId}/summary"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var draft = await Send<SummaryDraft>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/draft");
        var ranks = web.Sofia.TopicsByRank.Select((topic, index) => draft.Markdown.IndexOf($"### {index + 1}. ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, ranks);
        Assert.Contains("*Convened by Maria Ivanova · 7 dots · 5 interested", draft.Markdown);

        var edited = draft.Markdown.Replace("5 topics proposed", "Five topics made it to the grid.\n\n5 topics proposed");
        var saved = await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = edited });
        Assert.Equal(draft.Version + 1, saved.Version);
        Assert.Equal(edited, (await Send<SummaryDraft>(web.Organiser, HttpMethod.Get, web.SummaryUrl)).Markdown);
        var preview = await Send<SummaryPreviewResponse>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/preview", new { markdown = edited });

        var published = await Send<SummaryVersion>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/publish");

        Assert.Equal(1, published.Version);
        using var page = await anonymous.GetAsync($"/m/{web.MeetingId}/summary");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        string? Meta(string property) => document.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
        Assert.Equal(SofiaMeeting.Title, Meta("og:title"));
        Assert.Equal("article", Meta("og:type"));
        Assert.Equal($"{App.BaseAddress.GetLeftPart(UriPartial.Authority)}/m/{web.MeetingId}/summary", Meta("og:url"));
        Assert.StartsWith("Thursday 3 April 2025, 09:00–17:00 (Europe/Sofia) · Sofia, BG", Meta("og:description"));
        // The page shows exactly what the preview showed.
        Assert.Equal(Normalise(preview.Html), Normalise(document.QuerySelector("article.summary")!.InnerHtml));
        Assert.Contains("Five topics made it to the grid.", document.QuerySelector("article.summary")!.TextContent);

        using var markdown = await anonymous.GetAsync($"/m/{web.MeetingId}/summary.md");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(edited, await markdown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Republishing_keeps_earlier_versions_listed_and_readable()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture, seed: false);
        using var anonymous = App.CreateClient();
        await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = "# Sofia\n\nFirst take." });
        await Send<SummaryVersion>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/publish");
        await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = "# Sofia\n\nSecond take, with the photos." });
        var second = await Send<SummaryVersion>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/publish");

        var versions = await Send<List<SummaryVersion>>(web.Organiser, HttpMethod.Get, $"{web.SummaryUrl}/versions");

        Assert.Equal([1, 2], versions.Select(version => version.Version));
        Assert.Equal(2, second.Version);
        Assert.Contains("Second take", await anonymous.GetStringAsync($"/m/{web.MeetingId}/summary"));
        Assert.Contains("First take", await anonymous.GetStringAsync($"/m/{web.MeetingId}/summary?version=1"));
        Assert.Equal("# Sofia\n\nFirst take.", await anonymous.GetStringAsync($"/m/{web.MeetingId}/summary.md?version=1"));
        using var missing = await anonymous.GetAsync($"/m/{web.MeetingId}/summary.md?version=3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Xss_in_notes_titles_and_the_draft_publishes_as_inert_html()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture);
        using var anonymous = App.CreateClient();
        const string hostileTitle = "<script>alert('title')</script><img src=x onerror=alert(1)>";
        var board = fixture.Cluster.Grains.GetGrain<IBoardGrain>(Keys.Board(web.MeetingId, web.Sofia.OpenSpaceBoardId));
        var author = new Actor("mallory", "<svg onload=alert(1)>", Role.Participant);
        var card = await board.Propose(author, new CardDraft(null, hostileTitle, "[x](javascript:alert(1))"));
        await fixture.Cluster.Grains.GetGrain<ICardDiscussionGrain>(Keys.Card(web.MeetingId, web.Sofia.OpenSpaceBoardId, card.CardId))
            .SetNotes(author, "<script>alert(1)</script>\n\n[click](javascript:alert(1)) [d](data:text/html,<script>alert(1)</script>)\n\n<svg><script>alert(1)</script></svg> ![p](javascript:alert(1))\n\n# T {onclick=alert(1)}");
        var draft = await Send<SummaryDraft>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/draft");
        await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = draft.Markdown + "\n\n<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">raw</a> <javascript:alert(1)>" });
        await Send<SummaryVersion>(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/publish");

        var document = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/m/{web.MeetingId}/summary"));

        var article = document.QuerySelector("article.summary")!;
        Assert.Empty(ExecutableMarkup.Find(article.InnerHtml));
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains(hostileTitle, article.TextContent);
        Assert.All(article.QuerySelectorAll("a"), link => Assert.Equal(MarkdownRenderer.LinkRel, link.GetAttribute("rel")));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_and_changes_nothing()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture, seed: false);
        await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = "# Kept" });
        var tooLong = new string('ж', SummaryDraft.MaxMarkdownLength + 1);

        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Put, web.SummaryUrl, new { markdown = tooLong }),
            (HttpMethod.Put, web.SummaryUrl, new { }),
            (HttpMethod.Put, web.SummaryUrl, new { markdown = 42 }),
            (HttpMethod.Post, $"{web.SummaryUrl}/preview", new { markdown = tooLong }),
            (HttpMethod.Post, $"{web.SummaryUrl}/preview", new { }),
            // The worst cases: 16 s of CPU, and a 500 at every publish.
            (HttpMethod.Put, web.SummaryUrl, new { markdown = string.Concat(Enumerable.Repeat("[x](", 40_000)) }),
            (HttpMethod.Post, $"{web.SummaryUrl}/preview", new { markdown = string.Concat(Enumerable.Repeat("[x](", 40_000)) }),
            (HttpMethod.Put, web.SummaryUrl, new { markdown = new string('>', 19_000) }),
            (HttpMethod.Post, $"{web.SummaryUrl}/preview", new { markdown = new string('>', 19_000) }),
        })
        {
            using var response = await SendRaw(web.Organiser, method, url, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
            Assert.True(problem.GetProperty("errors").TryGetProperty("markdown", out _), $"{method} {url}: {problem}");
        }

        Assert.Equal("# Kept", (await Send<SummaryDraft>(web.Organiser, HttpMethod.Get, web.SummaryUrl)).Markdown);

        await Send<SummaryDraft>(web.Organiser, HttpMethod.Put, web.SummaryUrl, new { markdown = " " });
        using var emptyPublish = await SendRaw(web.Organiser, HttpMethod.Post, $"{web.SummaryUrl}/publish");
        Assert.Equal(HttpStatusCode.BadRequest, emptyPublish.StatusCode);
        Assert.True((await AccessTests.AssertProblemAsync(emptyPublish, "/problems/invalid")).GetProperty("errors").TryGetProperty("markdown", out _));
        Assert.Empty(await Send<List<SummaryVersion>>(web.Organiser, HttpMethod.Get, $"{web.SummaryUrl}/versions"));
        using var page = await App.CreateClient().GetAsync($"/m/{web.MeetingId}/summary.md");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    public static TheoryData<string, string> OrganiserRoutes => new()
    {
        { "GET", "summary" }, { "PUT", "summary" }, { "POST", "summary/draft" }, { "POST", "summary/preview" },
        { "POST", "summary/publish" }, { "GET", "summary/versions" }, { "GET", "export/calendar.ics" }, { "GET", "export/cards.csv" },
    };

    [Theory]
    [MemberData(nameof(OrganiserRoutes))]
    public async Task Organiser_routes_are_401_without_a_token_and_403_for_a_participant(string method, string route)
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture, seed: false);
        using var anonymous = App.CreateClient();
        var url = $"/api/meetings/{web.MeetingId}/{route}";
        var body = method == "GET" ? null : new { markdown = "# Mine" };

        using var withoutToken = await SendRaw(anonymous, new HttpMethod(method), url, body);
        using var asParticipant = await SendRaw(web.Participant, new HttpMethod(method), url, body);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        await AccessTests.AssertProblemAsync(withoutToken, "/problems/unauthenticated");
        Assert.Equal(HttpStatusCode.Forbidden, asParticipant.StatusCode);
        await AccessTests.AssertProblemAsync(asParticipant, "/problems/forbidden");
        Assert.Equal("", (await Send<SummaryDraft>(web.Organiser, HttpMethod.Get, web.SummaryUrl)).Markdown);
        Assert.Empty(await Send<List<SummaryVersion>>(web.Organiser, HttpMethod.Get, $"{web.SummaryUrl}/versions"));
    }

    // The same markup, whatever whitespace the page's template puts around it.
    private static string Normalise(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>").Body!.InnerHtml.Trim();

    private static async Task<T> Send<T>(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var response = await SendRaw(client, method, url, body);
        return await CommunityWebApp.ReadAsync<T>(response);
    }

    private static Task<HttpResponseMessage> SendRaw(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: CommunityWebApp.Json) };
        return client.SendAsync(request);
    }
}
