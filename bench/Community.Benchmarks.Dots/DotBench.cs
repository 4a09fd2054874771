using System.Diagnostics;
using Community.Grains.Abstractions;

namespace Community.Benchmarks.Dots;

public sealed record DotRun(int Concurrency, int Dots, TimeSpan Elapsed, long Writes)
{
    public double DotsPerSecond => Dots / Elapsed.TotalSeconds;

    public double WritesPerDot => (double)Writes / Dots;
}

/// <summary>
/// One fresh board per run; each voter is a closed loop that sets a dot and takes it back, card after card, so
/// every call is a real change and no budget is ever exceeded. Concurrency is the number of voters tapping at once.
/// </summary>
public sealed class DotBench(IGrainFactory grains, StorageWriteCounter writes)
{
    private const int Cards = 20;

    public async Task<DotRun> RunAsync(int concurrency, int dotsPerVoter)
    {
        var meetingId = Guid.NewGuid().ToString("N");
        var created = await grains.GetGrain<IMeetingGrain>(meetingId).Create(new MeetingDetails { Title = "Benchmark" });
        var organiser = new Actor(created.OrganiserId, "Organiser", Role.Organiser);
        var summary = await grains.GetGrain<IMeetingGrain>(meetingId).AddBoard(organiser, new BoardDefinition { Kind = BoardKind.OpenSpace, Title = "Dots" });
        var board = grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, summary.BoardId));
        var cards = new List<string>();
        for (var index = 0; index < Cards; index++)
        {
            cards.Add((await board.Propose(organiser, new CardDraft(null, $"Topic {index}", null))).CardId);
        }

        var voters = Enumerable.Range(0, concurrency).Select(index => new Actor(Guid.NewGuid().ToString("N"), $"Voter {index}", Role.Participant)).ToList();
        var versionBefore = (await board.GetSnapshot(null)).Version;
        var writesBefore = writes.Writes;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(voters.Select((voter, index) => VoteAsync(board, voter, cards, index, dotsPerVoter)));
        clock.Stop();
        var dots = concurrency * dotsPerVoter;
        var run = new DotRun(concurrency, dots, clock.Elapsed, writes.Writes - writesBefore);

        var versionAfter = (await board.GetSnapshot(null)).Version;
        if (versionAfter - versionBefore != dots)
        {
            throw new InvalidOperationException($"Expected {dots} changes, the board's version moved by {versionAfter - versionBefore}.");
        }

        return run;
    }

    private static async Task VoteAsync(IBoardGrain board, Actor voter, IReadOnlyList<string> cards, int offset, int dots)
    {
        for (var tap = 0; tap < dots; tap++)
        {
            var card = cards[(offset + tap / 2) % cards.Count];
            await board.SetDots(voter, card, tap % 2 == 0 ? 1 : 0);
        }
    }
}
