using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Web.Tests.Live;

/// <summary>Waiting, with a generous deadline, until watchers show what the API shows: never a timing assertion.</summary>
public static class Convergence
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>What a person sees of a board: its version, state, round and cards (the personal MyDots aside).</summary>
    public static string Visible(BoardSnapshot board) => JsonSerializer.Serialize(
        new { board.Version, board.State, board.Round, Cards = board.Cards.OrderBy(card => card.CardId, StringComparer.Ordinal) },
        CommunityWebApp.Json);

    /// <summary>Waits until every watcher's board equals the API's snapshot; fails naming the watchers that did not get there.</summary>
    public static async Task UntilAllShowAsync(BoardScenario scenario, IReadOnlyList<LiveBoardClient> watchers)
    {
        var expected = Visible(await scenario.SnapshotAsync());
        await UntilAsync(
            () => watchers.All(watcher => Visible(watcher.Board) == expected),
            () => string.Join("; ", watchers.Select((watcher, index) => (watcher, index))
                .Where(pair => Visible(pair.watcher.Board) != expected)
                .Select(pair => $"watcher {pair.index} at version {pair.watcher.Version}, last error {pair.watcher.LastError?.Message ?? "none"}"))
                + $"; expected {expected}");
    }

    public static async Task UntilAsync(Func<bool> condition, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not converged within {Deadline.TotalSeconds} s: {explain()}");
            }

            await Task.Delay(100);
        }
    }
}
