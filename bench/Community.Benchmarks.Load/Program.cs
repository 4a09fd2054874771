using System.Globalization;
using System.Text;
using Community.Benchmarks.Load;

// Thousands of watchers on one hot board: the stack (Azurite, silo, web: Release builds, real processes on free
// ports) and two baselines (bench/Community.Benchmarks.Baselines: (a) a bare SignalR hub coalescing like the stack,
// (b) one broadcasting every vote), side by side with the same clients. Build first; bench/load.sh does both.
// Usage: Community.Benchmarks.Load [--cells 200x50,500x300] [--seconds 15] [--systems a,b,stack] [--out FILE]
//   --cells     watchers x dots per second (default: 200/500/1000/2000 watchers by 50/100/300/500 dots/s)
var options = Options.Parse(args);
var root = FindRoot();
var logs = Directory.CreateTempSubdirectory("community-load-").FullName;
Console.Error.WriteLine($"Logs of the started processes: {logs}");
using var http = new HttpClient(new SocketsHttpHandler
{
    UseCookies = false,
    MaxConnectionsPerServer = 256,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
}) { Timeout = TimeSpan.FromSeconds(60) };
using var sockets = new HttpMessageInvoker(new SocketsHttpHandler { UseCookies = false });
using var processes = new Processes(logs);

var systems = new List<SystemUnderTest>();
foreach (var name in options.Systems)
{
    systems.Add(name switch
    {
        "a" => await Systems.StartBaselineAsync(processes, root, http, "a", "coalesced"),
        "b" => await Systems.StartBaselineAsync(processes, root, http, "b", "every"),
        "stack" => await Systems.StartStackAsync(processes, root, http),
        _ => throw new ArgumentException($"Unknown system {name}: a, b or stack."),
    });
    // Unrecorded: JIT, connection pools and the first board's activation do not belong to the first cell.
    await Cell.RunAsync(systems[^1], http, sockets, 0, 50, 50, TimeSpan.FromSeconds(3));
    Console.Error.WriteLine($"{name} started and warmed up");
}

var results = new List<CellResult>();
var number = 0;
foreach (var (watchers, rate) in options.Cells)
{
    foreach (var system in systems)
    {
        number++;
        try
        {
            var result = await Cell.RunAsync(system, http, sockets, number, watchers, rate, options.Duration);
            results.Add(result);
            Console.Error.WriteLine(Report.Row(result));
        }
        catch (HttpRequestException exception)
        {
            // A cell that could not be set up is reported and skipped; the others still run.
            Console.Error.WriteLine($"{system.Name} {watchers}x{rate} failed: {exception.Message}");
        }
    }
}

// The code measured is src/: name its last commit (and HEAD, which may add only benchmark changes on top).
var report = Report.Markdown(results, options.Duration, $"{Git(root, "log -1 --format=%h -- src")} (HEAD {Git(root, "rev-parse --short HEAD")})");
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Community.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository (Community.sln not found above the program).");
}

static string Git(string root, string arguments)
{
    using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments)
    {
        WorkingDirectory = root,
        RedirectStandardOutput = true,
    })!;
    var text = git.StandardOutput.ReadToEnd().Trim();
    git.WaitForExit();
    return text;
}

internal sealed record Options(IReadOnlyList<(int Watchers, int Rate)> Cells, TimeSpan Duration, IReadOnlyList<string> Systems, string? Output)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var index = 0; index + 1 < args.Length; index += 2)
        {
            values[args[index].TrimStart('-')] = args[index + 1];
        }

        var cells = values.TryGetValue("cells", out var list)
            ? list.Split(',').Select(cell => cell.Split('x')).Select(pair => (int.Parse(pair[0], CultureInfo.InvariantCulture), int.Parse(pair[1], CultureInfo.InvariantCulture))).ToList()
            : [.. from watchers in new[] { 200, 500, 1000, 2000 } from rate in new[] { 50, 100, 300, 500 } select (watchers, rate)];
        return new Options(
            cells,
            TimeSpan.FromSeconds(values.TryGetValue("seconds", out var seconds) ? int.Parse(seconds, CultureInfo.InvariantCulture) : 15),
            values.TryGetValue("systems", out var systems) ? systems.Split(',') : ["a", "b", "stack"],
            values.GetValueOrDefault("out"));
    }
}

internal static class Report
{
    public static string Row(CellResult result)
    {
        var invariant = CultureInfo.InvariantCulture;
        var cpu = string.Join(", ", result.CpuPercent.Select(pair => string.Create(invariant, $"{pair.Key} {pair.Value:F0} %")));
        var rss = string.Join(", ", result.MaxRssMb.Select(pair => string.Create(invariant, $"{pair.Key} {pair.Value:F0}")));
        return string.Create(invariant,
            $"| {result.System} | {result.Watchers:N0} | {result.DotsAsked} | {result.DotsDone:F0} | {result.DotErrors} | {result.P50:F0} | {result.P99:F0} | {result.ProbeSamples} ({result.ProbeMissed} missed) | {result.AckP99:F0} | {result.MessagesPerWatcherSecond:F1} | {result.BytesPerWatcherSecond:N0} | {cpu} | {rss} | {result.GeneratorCpuPercent:F0} % | {(result.BlobWritesPerSecond is { } writes ? string.Create(invariant, $"{result.BoardWritesPerSecond:F1} ({writes:F1})") : "-")} | {result.LoadAverage} |");
    }

    public static string Markdown(IReadOnlyList<CellResult> results, TimeSpan duration, string commit)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"src/ at {commit}; {Environment.ProcessorCount} cores; {duration.TotalSeconds:F0} s per cell; {Systems.Voters} voters, {Systems.Cards} cards; written {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine("| system | watchers | dots/s asked | dots/s done | dot errors | vote-to-screen p50 ms | p99 ms | probe sightings | dot ack p99 ms | messages per watcher per s | bytes per watcher per s | CPU (100 % = one core) | max RSS MB | generator CPU | board blob writes/s (all PUTs/s) | load average (1, 5, 15 min) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var result in results)
        {
            text.AppendLine(Row(result));
        }

        var stack = results.Where(result => result.System == "stack").ToList();
        var baseline = results.Where(result => result.System == "a").ToList();
        if (stack.Count > 0 && baseline.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Stack against baseline (a), same cell, same run:");
            text.AppendLine();
            text.AppendLine("| watchers | dots/s asked | dots/s done: stack / (a) | p99: stack / (a) | bytes per watcher: stack / (a) |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var cell in stack)
            {
                if (baseline.FirstOrDefault(result => result.Watchers == cell.Watchers && result.DotsAsked == cell.DotsAsked) is { } a)
                {
                    text.AppendLine(invariant, $"| {cell.Watchers:N0} | {cell.DotsAsked} | {cell.DotsDone / a.DotsDone:P0} | {cell.P99 / a.P99:F1}x ({cell.P99:F0} / {a.P99:F0} ms) | {cell.BytesPerWatcherSecond / a.BytesPerWatcherSecond:F1}x |");
                }
            }
        }

        return text.ToString();
    }
}
