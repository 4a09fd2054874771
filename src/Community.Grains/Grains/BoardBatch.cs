using System.Collections.Immutable;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>
/// One stored batch of a board's journal: the cards and the participants' dots that changed between two versions,
/// each as it now is, so applying a batch twice gives the same board. Stored as one JSON line: never rename members.
/// A sealed entry changes nothing; it closes the journal because a snapshot of its version is being written.
/// </summary>
internal sealed record BoardBatch
{
    public long FromVersion { get; init; }
    public long ToVersion { get; init; }
    public bool Sealed { get; init; }
    public BoardState State { get; init; }
    public RoundTimer? Round { get; init; }
    public IReadOnlyList<StoredCard> Cards { get; init; } = [];

    /// <summary>Participant id → their dots now (empty: they have none left).</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, int>> Dots { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, int>>.Empty;

    public static BoardBatch Seal(long version) => new() { FromVersion = version, ToVersion = version, Sealed = true };

    /// <summary>What changed from <paramref name="fromVersion"/> to <paramref name="board"/>, given the cards and voters touched.</summary>
    public static BoardBatch Between(long fromVersion, BoardRecord board, IEnumerable<string> cards, IEnumerable<string> voters) => new()
    {
        FromVersion = fromVersion,
        ToVersion = board.Version,
        State = board.State,
        Round = board.Round,
        Cards = [.. cards.Select(id => board.Cards[id])],
        Dots = voters.ToImmutableDictionary(voter => voter, board.DotsOf),
    };

    public BoardRecord ApplyTo(BoardRecord board)
    {
        var next = board with { Version = ToVersion, State = State, Round = Round };
        foreach (var card in Cards)
        {
            next = next.WithCard(card);
        }

        foreach (var (voter, dots) in Dots)
        {
            next = next.WithDotsOf(voter, dots);
        }

        return next;
    }
}
