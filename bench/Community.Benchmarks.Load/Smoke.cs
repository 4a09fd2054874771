using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Community.Benchmarks.Load;

/// <summary>Every dot request of a cell: who, which card, how many, when sent and when acknowledged (null: not).</summary>
public sealed class DotLedger
{
    private readonly Lock _gate = new();
    private readonly List<(string Voter, string Card, int Dots, long SentAt, long? AckedAt)> _requests = [];

    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public void Record(string voter, string card, int dots, long sentAt, long? ackedAt)
    {
        lock (_gate)
        {
            _requests.Add((voter, card, dots, sentAt, ackedAt));
        }
    }

    /// <summary>
    /// What each card's count may be now, from the answers alone: per voter and card, the value of the request acknowledged
    /// last. When answers leave the order open (two acknowledged requests overlapped in time, or one was never answered
    /// and may still have been stored) every value they allow is possible, so the range is exact when all went well.
    /// </summary>
    public IReadOnlyDictionary<string, (int Min, int Max)> ExpectedDots()
    {
        lock (_gate)
        {
            var cards = new Dictionary<string, (int Min, int Max)>(StringComparer.Ordinal);
            foreach (var pair in _requests.GroupBy(request => (request.Voter, request.Card)))
            {
                var acked = pair.Where(request => request.AckedAt is not null).ToList();
                // An acknowledged request is possibly the last stored unless another one started after it was acknowledged.
                var possible = acked.Where(request => !acked.Any(later => later.SentAt > request.AckedAt)).Select(request => request.Dots)
                    .Concat(pair.Where(request => request.AckedAt is null).Select(request => request.Dots))
                    .ToList();
                if (acked.Count == 0)
                {
                    possible.Add(0);
                }

                var (min, max) = cards.GetValueOrDefault(pair.Key.Card);
                cards[pair.Key.Card] = (min + possible.Min(), max + possible.Max());
            }

            return cards;
        }
    }
}

/// <summary>What a cell does for the correctness smoke: records every dot and inspects the board before its watchers go.</summary>
public sealed record CellCheck(DotLedger Ledger, Func<Board, IReadOnlyList<Watcher>, Task> Inspect);

/// <summary>
/// The sweep's correctness smoke, for ./test.sh: one small cell against a running stack, then nothing lost and nothing
/// counted twice. Each card's stored count is what the acknowledged dots say, and every watcher, having applied the
/// snapshot and the changes as a page does, ends with exactly the stored counts. Correctness only: no timing.
/// </summary>
public static class Smoke
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    public sealed record Outcome(CellResult Cell, int Requests, IReadOnlyList<string> Problems);

    public static async Task<Outcome> RunAsync(SystemUnderTest system, HttpClient http, HttpMessageInvoker sockets, int watchers, int dotsPerSecond, TimeSpan duration)
    {
        var problems = new List<string>();
        var ledger = new DotLedger();
        var check = new CellCheck(ledger, async (board, connected) => problems.AddRange(await VerifyAsync(system, http, board, connected, ledger)));
        var cell = await Cell.RunAsync(system, http, sockets, 1, watchers, dotsPerSecond, duration, check);
        return new Outcome(cell, ledger.Requests, problems);
    }

    private static async Task<List<string>> VerifyAsync(SystemUnderTest system, HttpClient http, Board board, IReadOnlyList<Watcher> watchers, DotLedger ledger)
    {
        var problems = new List<string>();
        var (version, stored) = await SnapshotAsync(system, http, board);
        foreach (var (card, (min, max)) in ledger.ExpectedDots())
        {
            var count = stored.GetValueOrDefault(card, -1);
            if (count < min || count > max)
            {
                problems.Add($"card {card}: stored {count} dots, the acknowledged dots say {(min == max ? $"{min}" : $"{min} to {max}")}");
            }
        }

        // The last changes may still be on their way: give every watcher time to reach the stored version.
        var clock = Stopwatch.StartNew();
        while (watchers.Any(watcher => watcher.Tally!.Version < version) && clock.Elapsed < Settle)
        {
            await Task.Delay(100);
        }

        foreach (var (watcher, index) in watchers.Select((watcher, index) => (watcher, index)))
        {
            var tally = watcher.Tally!;
            var differing = stored.Where(card => tally.Dots.GetValueOrDefault(card.Key, -1) != card.Value).Select(card => card.Key).ToList();
            if (tally.Version != version || differing.Count > 0)
            {
                problems.Add($"watcher {index} is at version {tally.Version} (stored {version}) with {differing.Count} cards counted otherwise, after {tally.Resyncs} resyncs");
            }
        }

        return problems;
    }

    private static async Task<(long Version, Dictionary<string, int> Dots)> SnapshotAsync(SystemUnderTest system, HttpClient http, Board board)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.BaseAddress, $"/api/meetings/{board.MeetingId}/boards/{board.BoardId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", board.WatcherToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var snapshot = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var dots = snapshot.RootElement.GetProperty("cards").EnumerateArray()
            .ToDictionary(card => card.GetProperty("cardId").GetString()!, card => card.GetProperty("dots").GetInt32(), StringComparer.Ordinal);
        return (snapshot.RootElement.GetProperty("version").GetInt64(), dots);
    }
}
