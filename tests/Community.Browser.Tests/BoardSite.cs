using Community.Testing;
using Microsoft.Playwright;

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

    private CommunityCluster? _cluster;
    private CommunityWebApp? _web;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _cluster = await CommunityCluster.StartAsync();
        _web = CommunityWebApp.Start(_cluster, kestrel: true);
        BaseUrl = _web.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A fresh person: their own cookies, a phone-sized window unless told otherwise.</summary>
    public async Task<IPage> NewPersonAsync(int width = 360, int height = 780)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
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
