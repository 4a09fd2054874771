using System.Diagnostics;

namespace Community.Benchmarks.Load;

public sealed record CellResult(
    string System, int Watchers, int DotsAsked, double DotsDone, int DotErrors, double AckP99,
    int Probes, int ProbeSamples, int ProbeMissed, double P50, double P99,
    double MessagesPerWatcherSecond, double BytesPerWatcherSecond,
    IReadOnlyDictionary<string, double> CpuPercent, IReadOnlyDictionary<string, double> MaxRssMb,
    double GeneratorCpuPercent, double? BoardWritesPerSecond, double? BlobWritesPerSecond, string LoadAverage);

/// <summary>
/// One cell: <c>watchers</c> sockets watch a fresh board while voters set dots at a fixed rate (open loop) for the
/// given time and the probe measures vote-to-screen; CPU and memory of the system's processes and of this one.
/// </summary>
public static class Cell
{
    /// <param name="check">
    /// For the correctness smoke: every dot request goes into its ledger, every watcher keeps a tally of the board,
    /// and it inspects both (and the board) after the load, before the watchers disconnect.
    /// </param>
    public static async Task<CellResult> RunAsync(SystemUnderTest system, HttpClient http, HttpMessageInvoker sockets, int cellNumber, int watchers, int dotsPerSecond, TimeSpan duration, CellCheck? check = null)
    {
        var board = await system.CreateBoard(http, cellNumber);
        var connected = new Watcher[watchers];
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, watchers).Select(async index =>
            {
                await gate.WaitAsync();
                try
                {
                    connected[index] = await Watcher.ConnectAsync(sockets, system.BaseAddress, board.WatcherToken, board.MeetingId, board.BoardId, keepTally: check is not null);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var probe = new Probe(board.ProbeCardId, watchers);
        using var stop = new CancellationTokenSource();
        var reading = connected.Select((watcher, index) => Task.Run(() => watcher.RunAsync(index, probe, stop.Token))).ToArray();

        var self = Environment.ProcessId;
        var cpuBefore = system.Pids.ToDictionary(pair => pair.Key, pair => ProcessStats.CpuSeconds(pair.Value));
        var selfBefore = ProcessStats.CpuSeconds(self);
        var writesBefore = system.BlobWrites?.Count();
        var maxRss = system.Pids.ToDictionary(pair => pair.Key, _ => 0.0);
        var clock = Stopwatch.StartNew();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (name, pid) in system.Pids)
                {
                    maxRss[name] = Math.Max(maxRss[name], ProcessStats.RssMegabytes(pid));
                }

                await Task.Delay(1000);
            }
        });

        var probing = Task.Run(async () =>
        {
            for (var number = 1; clock.Elapsed < duration; number++)
            {
                await probe.RunAsync(number, async () =>
                {
                    if (await SetDotAsync(system, http, board, board.ProbeToken, board.ProbeCardId, number % 2, check?.Ledger) is null)
                    {
                        throw new HttpRequestException("The probe's dot was refused.");
                    }
                });
                await Task.Delay(200);
            }
        });

        var (done, errors, acks) = await SetDotsAsync(system, http, board, dotsPerSecond, duration, check?.Ledger);
        var dotSeconds = clock.Elapsed.TotalSeconds;
        await probing;
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var cpu = system.Pids.ToDictionary(pair => pair.Key, pair => (ProcessStats.CpuSeconds(pair.Value) - cpuBefore[pair.Key]) / loadSeconds * 100);
        var selfCpu = (ProcessStats.CpuSeconds(self) - selfBefore) / loadSeconds * 100;
        var writes = system.BlobWrites?.Count();
        var loadAverage = ProcessStats.LoadAverage();
        if (check is not null)
        {
            await check.Inspect(board, connected);
        }

        await stop.CancelAsync();
        await Task.WhenAll(reading);
        await sampling;
        foreach (var watcher in connected)
        {
            watcher.Dispose();
        }

        var latencies = probe.Latencies;
        return new CellResult(system.Name, watchers, dotsPerSecond, done / dotSeconds, errors, Percentile(acks, 0.99),
            probe.Probes, latencies.Count, probe.Missed, Percentile(latencies, 0.5), Percentile(latencies, 0.99),
            connected.Sum(watcher => watcher.Messages) / (double)watchers / loadSeconds,
            connected.Sum(watcher => watcher.Bytes) / (double)watchers / loadSeconds,
            cpu, maxRss, selfCpu, (writes?.Board - writesBefore?.Board) / loadSeconds, (writes?.All - writesBefore?.All) / loadSeconds, loadAverage);
    }

    // Open loop: request n is sent at n / rate seconds whatever the answers do. Voter v's k-th request puts a dot on
    // a card (even k) and takes it off again (odd k), moving card every two, so every request is a real change.
    private static async Task<(int Done, int Errors, List<double> Acks)> SetDotsAsync(SystemUnderTest system, HttpClient http, Board board, int rate, TimeSpan duration, DotLedger? ledger)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var requests = new List<Task<double?>>(total);
        var clock = Stopwatch.StartNew();
        for (var number = 0; number < total; number++)
        {
            var due = TimeSpan.FromSeconds((double)number / rate) - clock.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due);
            }

            var voter = number % board.VoterTokens.Count;
            var step = number / board.VoterTokens.Count;
            var card = board.CardIds[(voter + step / 2) % board.CardIds.Count];
            requests.Add(SetDotAsync(system, http, board, board.VoterTokens[voter], card, step % 2 == 0 ? 1 : 0, ledger));
        }

        var answers = await Task.WhenAll(requests);
        var acks = answers.Where(answer => answer is not null).Select(answer => answer!.Value).Order().ToList();
        return (acks.Count, total - acks.Count, acks);
    }

    private static async Task<double?> SetDotAsync(SystemUnderTest system, HttpClient http, Board board, string token, string card, int dots, DotLedger? ledger)
    {
        var started = Stopwatch.GetTimestamp();
        var acknowledged = false;
        try
        {
            using var request = Systems.DotsRequest(system.BaseAddress, board, token, card, dots);
            using var response = await http.SendAsync(request);
            acknowledged = response.IsSuccessStatusCode;
            return acknowledged ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        finally
        {
            ledger?.Record(token, card, dots, started, acknowledged ? Stopwatch.GetTimestamp() : null);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
