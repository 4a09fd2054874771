using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>
/// The whole product for a browser: a real Orleans cluster on a real Azurite, the web app on a real Kestrel port,
/// and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class BoardSite : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>Where the map's tiles are said to be: a port nothing listens on.</summary>
    public const string UnreachableTiles = "http://127.0.0.1:9/tiles/";

    private CommunityCluster? _cluster;
    private CommunityWebApp? _web;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public CommunityWebApp Web => _web ?? throw new InvalidOperationException("The site has not started.");

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        // Every test's people come from 127.0.0.1: the per-address limit on new meetings is for the open internet.
        _web = CommunityWebApp.Start(_cluster, kestrel: true, new Dictionary<string, string?>
        {
            ["Community:RateLimits:MeetingsPerMinutePerAddress"] = "1000",
            // Nothing listens there: the directory's map falls back to country outlines, as it must offline.
            ["Directory:TileUrl"] = UnreachableTiles + "{z}/{x}/{y}.png",
        });
        BaseUrl = _web.BaseAddress.ToString().TrimEnd('/');
        // Generous bounds for waiting, not for judging speed: the machine running the suite may be busy.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>
    /// A meeting with an open-space board (two slots, two spaces) made through the API, quicker than the organiser's
    /// pages when a test is about the board; <see cref="Meeting.FacilitatorCode"/> is an invite code.
    /// </summary>
    public async Task<Meeting> CreateMeetingAsync()
    {
        var created = await Web.CreateMeetingAsync();
        var board = await Web.CreateOpenSpaceBoardAsync(created.OrganiserToken, created.MeetingId);
        using var organiser = Web.CreateClient(created.OrganiserToken);
        using var response = await organiser.PostAsJsonAsync($"/api/meetings/{created.MeetingId}/invites", new { role = "facilitator" }, CommunityWebApp.Json);
        var invite = await CommunityWebApp.ReadAsync<Invite>(response);
        return new Meeting($"/m/{created.MeetingId}", $"/m/{created.MeetingId}/b/{board.BoardId}", created.JoinCode, invite.Code, created.OrganiserToken);
    }

    /// <summary>Adds a regional (glocal) board to the meeting through the API; returns the board page's path.</summary>
    public async Task<string> AddRegionalBoardAsync(Meeting meeting, string region, params string[] countries)
    {
        var meetingId = meeting.MeetingPath["/m/".Length..];
        var board = await Web.CreateBoardAsync(meeting.OrganiserToken!, meetingId, new { kind = "glocal", title = region, region, countries });
        return $"{meeting.MeetingPath}/b/{board.BoardId}";
    }

    /// <summary>A fresh person: their own cookies, a phone-sized window unless told otherwise, in the given IANA time zone (else the machine's).</summary>
    public async Task<IPage> NewPersonAsync(int width = 360, int height = 780, string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BoardSiteCollection : ICollectionFixture<BoardSite>
{
    public const string Name = "board site";
}
