using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>The big screen at 1920x1080 follows the board: ranking, then the schedule wall; lanes on a glocal board.</summary>
[Collection(BoardSiteCollection.Name)]
public sealed class ProjectorTests(BoardSite site)
{
    // 100 grapheme clusters in 119 UTF-16 units; the family emoji (seven code points) is the 69th cluster.
    private const string EmojiTitle = "Coding clubs in every village school 👩🏽‍💻🇧🇬 with mentors from big firms 👨‍👩‍👧‍👦 and a bus that tours each term";
    private static readonly TimeZoneInfo Sofia = TimeZoneInfo.FindSystemTimeZoneById("Europe/Sofia");

    [Fact]
    public async Task The_projector_ranks_while_voting_then_shows_the_schedule_wall_in_the_meetings_time_zone()
    {
        var created = await site.Web.CreateMeetingAsync();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-15);
        var board = await site.Web.CreateBoardAsync(created.OrganiserToken, created.MeetingId, new
        {
            kind = "openSpace",
            title = "Marketplace",
            slots = new[]
            {
                new { id = "now", startsAt = start, endsAt = start.AddMinutes(45), label = "Round 1" },
                new { id = "later", startsAt = start.AddMinutes(60), endsAt = start.AddMinutes(105), label = "Round 2" },
            },
            spaces = new object[] { new { id = "vitosha", name = "Vitosha room", capacity = 30 }, new { id = "rila", name = "Rila room" } },
        });
        var boardApi = $"/api/meetings/{created.MeetingId}/boards/{board.BoardId}";
        var ana = await site.Web.JoinAsync(created.JoinCode, "Ana");
        using var anaApi = site.Web.CreateClient(ana.Token);
        var emoji = await ProposeAsync(anaApi, boardApi, EmojiTitle);
        var girls = await ProposeAsync(anaApi, boardApi, "Supporting girls in tech");

        // The room's screen is somewhere else in the world: the wall still shows Sofia's times.
        var screen = await ScreenAsync("America/New_York");
        await Screenshots.OnFailureAsync(nameof(The_projector_ranks_while_voting_then_shows_the_schedule_wall_in_the_meetings_time_zone), async () =>
        {
            await JoinAsScreenAsync(screen, created.JoinCode);
            await screen.GotoAsync($"/m/{created.MeetingId}/b/{board.BoardId}/projector");
            await SendAsync(anaApi, HttpMethod.Put, $"{boardApi}/cards/{emoji.CardId}/dots", new { dots = 1 });

            var rows = screen.Locator("#ranking li");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.First.Locator(".rank-title")).ToHaveTextAsync(EmojiTitle);
            await Expect(rows.First.Locator(".rank-count")).ToHaveTextAsync("1");
            // The whole title wraps onto more lines; nothing is cut and nothing runs off the screen.
            var wrapped = await rows.First.Locator(".rank-title").EvaluateAsync<bool>(
                "title => title.getClientRects().length > 0 && title.offsetHeight > 2 * parseFloat(getComputedStyle(title).lineHeight) * 0.9");
            Assert.True(wrapped, "The long title does not wrap.");
            Assert.False(await screen.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth"));
            await DocsScreenshotAsync(screen, "projector-ranking");

            using var organiser = site.Web.CreateClient(created.OrganiserToken);
            await SendAsync(organiser, HttpMethod.Put, $"{boardApi}/cards/{emoji.CardId}/schedule", new { slotId = "now", spaceId = "vitosha" });
            await SendAsync(organiser, HttpMethod.Put, $"{boardApi}/cards/{girls.CardId}/schedule", new { slotId = "later", spaceId = "rila" });

            var wall = screen.Locator("#schedule-wall");
            await Expect(wall.Locator("tr[data-slot-id=later] td[data-space-id=rila]")).ToContainTextAsync("Supporting girls in tech");
            await Expect(wall.Locator("tr[data-slot-id=later] td[data-space-id=vitosha]")).ToHaveTextAsync("");
            await Expect(wall.Locator("tr[data-slot-id=now] .wall-time")).ToHaveTextAsync($"{InSofia(start)}–{InSofia(start.AddMinutes(45))}");
            await Expect(wall.Locator("tr[data-slot-id=later] .wall-time")).ToHaveTextAsync($"{InSofia(start.AddMinutes(60))}–{InSofia(start.AddMinutes(105))}");
            await Expect(wall.Locator("tr.current")).ToHaveAttributeAsync("data-slot-id", "now");
            await Expect(wall.Locator("th", new() { HasText = "Vitosha room" })).ToContainTextAsync("30 seats");

            // Shortened for its cell, the title keeps whole grapheme clusters: the family emoji is all there.
            var cell = wall.Locator("tr[data-slot-id=now] td[data-space-id=vitosha] .wall-title");
            var shown = await cell.TextContentAsync();
            Assert.EndsWith("👨‍👩‍👧‍👦…", shown);
            var whole = await screen.EvaluateAsync<bool>(
                "([shown, title]) => { const parts = text => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map(s => s.segment);"
                + " const kept = parts(shown.slice(0, -1)); return kept.every((part, index) => part === parts(title)[index]); }",
                new[] { shown, EmojiTitle });
            Assert.True(whole, shown);
            Assert.False(await screen.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth"));
            await DocsScreenshotAsync(screen, "projector-schedule-wall");
        }, screen);
    }

    [Fact]
    public async Task A_glocal_board_shows_its_lanes_with_cards_and_their_cross_border_links()
    {
        var created = await site.Web.CreateMeetingAsync();
        var balkans = await site.Web.CreateBoardAsync(created.OrganiserToken, created.MeetingId, new
        {
            kind = "glocal",
            title = "Balkans",
            region = "Balkans",
            countries = new[] { "BG", "RO", "GR" },
        });
        var nordics = await site.Web.CreateBoardAsync(created.OrganiserToken, created.MeetingId, new
        {
            kind = "glocal",
            title = "Nordics & Baltics",
            region = "Nordics & Baltics",
            countries = new[] { "SE", "FI", "EE" },
        });
        var boardApi = $"/api/meetings/{created.MeetingId}/boards/{balkans.BoardId}";
        using var organiser = site.Web.CreateClient(created.OrganiserToken);
        await ProposeAsync(organiser, boardApi, "Reach every school in the region", "priorities");
        await ProposeAsync(organiser, boardApi, "Too few trained volunteers outside the capitals", "struggles");
        await ProposeAsync(organiser, boardApi, "Sofia hackathon with 300 pupils", "successStories");
        var idea = await ProposeAsync(organiser, boardApi, "Joint Balkan–Nordic mentoring for new ambassadors", "collaborationIdeas");
        await SendAsync(organiser, HttpMethod.Patch, $"{boardApi}/cards/{idea.CardId}", new { linkedBoards = new[] { nordics.BoardId } });

        var screen = await ScreenAsync("Europe/Sofia");
        await Screenshots.OnFailureAsync(nameof(A_glocal_board_shows_its_lanes_with_cards_and_their_cross_border_links), async () =>
        {
            await JoinAsScreenAsync(screen, created.JoinCode);
            await screen.GotoAsync($"/m/{created.MeetingId}/b/{balkans.BoardId}/projector");

            var lanes = screen.Locator("#lanes-wall .lane-column");
            await Expect(lanes).ToHaveCountAsync(4);
            await Expect(screen.Locator(".lane-column[data-lane=priorities]")).ToContainTextAsync("Reach every school in the region");
            await Expect(screen.Locator(".lane-column[data-lane=struggles]")).ToContainTextAsync("Too few trained volunteers");
            await Expect(screen.Locator(".lane-column[data-lane=successStories]")).ToContainTextAsync("Sofia hackathon");
            var collaboration = screen.Locator(".lane-column[data-lane=collaborationIdeas]");
            await Expect(collaboration).ToContainTextAsync("Joint Balkan–Nordic mentoring");
            await Expect(collaboration.Locator(".lane-card-link")).ToHaveTextAsync("Linked with Nordics & Baltics");
            Assert.False(await screen.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth"));
            await DocsScreenshotAsync(screen, "projector-glocal");
        }, screen);
    }

    /// <summary>The screen's laptop joins through the join link, as the person setting it up would.</summary>
    private static async Task JoinAsScreenAsync(IPage screen, string code)
    {
        await screen.GotoAsync($"/j/{code}");
        await screen.GetByLabel("Your name").FillAsync("Big screen");
        await screen.GetByRole(AriaRole.Button, new() { Name = "Join the meeting" }).ClickAsync();
        await Expect(screen).ToHaveURLAsync(new Regex("/m/[a-z0-9]+$"));
    }

    private async Task<IPage> ScreenAsync(string timeZone)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "en-GB",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    private static string InSofia(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Sofia).ToString("HH:mm");

    private static async Task<CardView> ProposeAsync(HttpClient client, string boardApi, string title, string? lane = null)
    {
        using var response = await client.PostAsJsonAsync($"{boardApi}/cards", new { lane, title }, CommunityWebApp.Json);
        return await CommunityWebApp.ReadAsync<CardView>(response);
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: CommunityWebApp.Json) };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>For docs/screenshots when COMMUNITY_SCREENSHOTS names the folder: the screen as the room sees it.</summary>
    private static async Task DocsScreenshotAsync(IPage screen, string name)
    {
        if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await screen.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
        }
    }
}
