using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Microsoft.Playwright;

// The participant board, the join page and the projector in Debian's Chromium over a throttled link (1.6 Mbps down,
// 150 ms round trip, by CDP network emulation) against the real stack (Azurite, Orleans cluster, Kestrel as
// Production): bytes on the wire (compressed) and time until the page is populated, on a first and a repeat load.
// Usage: dotnet run -c Release --project bench/Community.Benchmarks.PageWeight
const int Topics = 12;

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COMMUNITY_WEB", Path.Combine(RepositoryRoot.Path, "src", "Community.Web"));
await using var azurite = await AzuriteServer.StartAsync();
await using var cluster = await CommunityCluster.StartAsync(azurite);
await using var app = CommunityWebApp.Start(cluster, kestrel: true, new Dictionary<string, string?> { ["environment"] = "Production" });

var meeting = await app.CreateMeetingAsync();
var board = await app.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId);
var ana = await app.JoinAsync(meeting.JoinCode, "Ana");
using (var client = app.CreateClient(ana.Token))
{
    for (var topic = 1; topic <= Topics; topic++)
    {
        using var response = await client.PostAsJsonAsync($"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}/cards", new { title = $"Topic number {topic} about teaching code" }, CommunityWebApp.Json);
        response.EnsureSuccessStatusCode();
    }
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
var page = await context.NewPageAsync();
var cdp = await context.NewCDPSessionAsync(page);
long bytes = 0;
cdp.Event("Network.loadingFinished").OnEvent += (_, e) => Interlocked.Add(ref bytes, (long)(e?.GetProperty("encodedDataLength").GetDouble() ?? 0));
await cdp.SendAsync("Network.enable");

// Join first, unthrottled and not measured: the board and the projector are for members.
await page.GotoAsync($"/j/{meeting.JoinCode}");
await page.GetByLabel("Your name").FillAsync("Boris");
await page.GetByRole(AriaRole.Button, new() { Name = "Join the meeting" }).ClickAsync();
await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/m/[a-z0-9]+$"));

await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
{
    ["offline"] = false,
    ["latency"] = 150,
    ["downloadThroughput"] = 1_600_000 / 8,
    ["uploadThroughput"] = 750_000 / 8,
});

var pages = new (string Name, string Path, string Populated)[]
{
    ("participant board", $"/m/{meeting.MeetingId}/b/{board.BoardId}", $"#lanes li.card >> nth={Topics - 1}"),
    ("join page", $"/j/{meeting.JoinCode}", "#name"),
    ("projector", $"/m/{meeting.MeetingId}/b/{board.BoardId}/projector", "#ranking li >> nth=9"),
};
Console.WriteLine($"Chromium {browser.Version}, {Environment.ProcessorCount} cores, throttled to 1.6 Mbps down / 150 ms RTT; {Topics} topics on the board.");
Console.WriteLine();
Console.WriteLine("| page | first load: kB on the wire | first load: populated after | repeat load: kB | repeat load: populated after |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, path, populated) in pages)
{
    await cdp.SendAsync("Network.clearBrowserCache");
    var first = await MeasureAsync(path, populated);
    var repeat = await MeasureAsync(path, populated);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {first.Bytes / 1024.0:F1} | {first.Time.TotalMilliseconds:F0} ms | {repeat.Bytes / 1024.0:F1} | {repeat.Time.TotalMilliseconds:F0} ms |"));
}

async Task<(long Bytes, TimeSpan Time)> MeasureAsync(string path, string populated)
{
    await page.GotoAsync("about:blank");
    Interlocked.Exchange(ref bytes, 0);
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
    await page.Locator(populated).WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    var time = clock.Elapsed;
    // Let the last responses (the hub's negotiation, late images) finish before counting.
    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    return (Interlocked.Read(ref bytes), time);
}
