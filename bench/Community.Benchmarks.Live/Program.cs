using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Community.Testing;
using Community.Web.Tests.Live;

// 50 watchers on one board while 200 dots a second are set through the HTTP API for 20 seconds, once per coalescing
// window, side by side on one cluster: how many messages each watcher gets per second, and how big they are.
// Usage: dotnet run -c Release --project bench/Community.Benchmarks.Live [-- windowsInMs...]   (default: 0 50 100)
const int Watchers = 50;
const int DotsPerSecond = 200;
const int Seconds = 20;
const int Participants = 100;
const int Cards = 20;

// WebApplicationFactory finds the web project's content root from test assemblies; a console program says where it is.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COMMUNITY_WEB", Path.Combine(RepositoryRoot.Path, "src", "Community.Web"));
var windows = args.Length > 0 ? args.Select(int.Parse).ToArray() : [0, 50, 100];
await using var azurite = await StartAzuriteAsync();
await using var cluster = await CommunityCluster.StartAsync(azurite);

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"{Watchers} watchers, {DotsPerSecond} dots/s asked for {Seconds} s through the HTTP API, {Participants} participants, {Cards} cards; {Environment.ProcessorCount} cores.");
report.AppendLine();
report.AppendLine("| window | dots/s done | `changes` per watcher per s | `resync` per watcher | cards per message (median) | size median | size max | bytes per watcher per s |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
foreach (var window in windows)
{
    report.AppendLine(await MeasureAsync(cluster, window));
    Console.Error.WriteLine($"window {window} ms done");
}

Console.WriteLine(report);

static async Task<string> MeasureAsync(CommunityCluster cluster, int windowMs)
{
    await using var app = CommunityWebApp.Start(cluster, kestrel: true, settings: new Dictionary<string, string?>
    {
        ["Live:CoalescingWindow"] = TimeSpan.FromMilliseconds(windowMs).ToString("c", CultureInfo.InvariantCulture),
        // A fixed window per run: the load-chosen window would otherwise blur the comparison.
        ["Live:MaxCoalescingWindow"] = TimeSpan.FromMilliseconds(windowMs).ToString("c", CultureInfo.InvariantCulture),
        // Every watcher socket uses the organiser's token; the per-token cap is for the internet, not this measurement.
        ["Live:MaxConnectionsPerParticipant"] = "1000",
    });
    // Each participant puts a dot on every card and then takes them back off: every request changes the board.
    var scenario = await BoardScenario.CreateAsync(app, Participants, Cards, dotsPerParticipant: Cards);
    var sockets = await Task.WhenAll(Enumerable.Range(0, Watchers).Select(_ =>
        RawHubSocket.WatchAsync(app.BaseAddress, scenario.Meeting.OrganiserToken, scenario.MeetingId, scenario.BoardId)));
    using var stopReading = new CancellationTokenSource();
    var received = sockets.Select(socket => RecordAsync(socket, stopReading.Token)).ToArray();

    var clients = scenario.Participants.Select(participant => app.CreateClient(participant.Token)).ToArray();
    var total = DotsPerSecond * Seconds;
    var clock = Stopwatch.StartNew();
    var dots = new List<Task>(total);
    for (var request = 0; request < total; request++)
    {
        var due = TimeSpan.FromSeconds((double)request / DotsPerSecond) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }

        var round = request / Participants;
        dots.Add(scenario.SetDotsAsync(clients[request % Participants], scenario.CardIds[round % Cards], round < Cards ? 1 : 0));
    }

    await Task.WhenAll(dots);
    var loadSeconds = clock.Elapsed.TotalSeconds;
    await Task.Delay(TimeSpan.FromSeconds(2)); // the last window's message
    await stopReading.CancelAsync();
    var messages = (await Task.WhenAll(received)).SelectMany(list => list).ToList();
    foreach (var socket in sockets)
    {
        socket.Dispose();
    }

    foreach (var client in clients)
    {
        client.Dispose();
    }

    var changes = messages.Where(message => message.Target == "changes").ToList();
    var sizes = changes.Select(message => message.Bytes).Order().ToList();
    var cards = changes.Select(message => message.Cards).Order().ToList();
    return string.Create(CultureInfo.InvariantCulture,
        $"| {windowMs} ms | {total / loadSeconds:F0} | {changes.Count / (double)Watchers / loadSeconds:F1} | {messages.Count(message => message.Target == "resync") / (double)Watchers:F1} | {Median(cards)} | {Median(sizes)} B | {sizes.LastOrDefault()} B | {changes.Sum(message => message.Bytes) / (double)Watchers / loadSeconds:F0} |");
}

static async Task<List<Received>> RecordAsync(RawHubSocket socket, CancellationToken stop)
{
    var received = new List<Received>();
    try
    {
        await foreach (var message in socket.ReadAsync(stop))
        {
            using var json = JsonDocument.Parse(message);
            if (json.RootElement.TryGetProperty("target", out var target))
            {
                var argument = json.RootElement.GetProperty("arguments")[0];
                var cards = argument.TryGetProperty("cards", out var list) ? list.GetArrayLength() : 0;
                received.Add(new Received(target.GetString()!, Encoding.UTF8.GetByteCount(message) + 1, cards));
            }
        }
    }
    catch (OperationCanceledException)
    {
        // The measurement is over.
    }

    return received;
}

// On a busy shared machine node can take longer than the fixture's 30 s to listen: try again rather than give up.
static async Task<AzuriteServer> StartAzuriteAsync()
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await AzuriteServer.StartAsync();
        }
        catch (TimeoutException) when (attempt < 3)
        {
            Console.Error.WriteLine("Azurite was slow to start; trying again.");
        }
    }
}

static int Median(List<int> sorted) => sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];

internal sealed record Received(string Target, int Bytes, int Cards);
