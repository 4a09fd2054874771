using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

/// <summary>The invariants of design.md, checked from what each participant's own snapshot says.</summary>
public static class BoardInvariants
{
    public static async Task AssertHoldAsync(IBoardGrain board, IEnumerable<Actor> participants)
    {
        var snapshots = await Task.WhenAll(participants.Select(participant => board.GetSnapshot(participant.ParticipantId)));
        var board0 = snapshots[0];
        var sums = board0.Cards.ToDictionary(card => card.CardId, _ => 0);
        foreach (var snapshot in snapshots)
        {
            Assert.Equal(board0.Version, snapshot.Version);
            var mine = snapshot.MyDots!;
            Assert.InRange(mine.Dots.Values.Sum(), 0, board0.DotsPerParticipant);
            Assert.Equal(board0.DotsPerParticipant - mine.Dots.Values.Sum(), mine.Remaining);
            foreach (var (cardId, dots) in mine.Dots)
            {
                Assert.InRange(dots, 1, board0.MaxDotsPerCard);
                // Dots only ever sit on cards that are still on the board.
                Assert.True(sums.ContainsKey(cardId), $"Dots on card {cardId}, which is not on the board.");
                sums[cardId] += dots;
            }
        }

        foreach (var card in board0.Cards)
        {
            Assert.Equal(sums[card.CardId], card.Dots);
        }
    }
}
