using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BoardWriteBatchingTests(ClusterFixture fixture)
{
    private const int Voters = 50;
    private const int CardCount = 4;

    /// <summary>
    /// Each stored batch is one write and one message to observers, so counting the messages counts the writes.
    /// Fifty people each tap four cards one after another, every tap waiting for its answer: 200 dots that, with a
    /// minimum interval between writes, share a handful of writes instead of one write each.
    /// </summary>
    [Fact]
    public async Task A_burst_of_dots_shares_few_writes_and_every_dot_is_acknowledged()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync(Scenario.OpenSpace with { DotsPerParticipant = CardCount, MaxDotsPerCard = 1 });
        var cards = new List<CardView>();
        for (var index = 0; index < CardCount; index++)
        {
            cards.Add(await board.Propose(scenario.Facilitator, new CardDraft(null, $"Topic {index}", null)));
        }

        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IBoardObserver>(observer);
        await board.Subscribe(reference);
        var start = await board.GetSnapshot(null);
        var people = Enumerable.Range(0, Voters).Select(index => Scenario.Participant($"Voter {index}")).ToList();

        var answers = await Task.WhenAll(people.Select(async person =>
        {
            var mine = new List<DotResult>();
            foreach (var card in cards)
            {
                mine.Add(await board.SetDots(person, card.CardId, 1));
            }

            return mine;
        }));

        // Every dot was acknowledged with the budget it left, and is counted.
        Assert.All(answers, mine => Assert.Equal(
            cards.Select((card, index) => (card.CardId, 1, CardCount - index - 1)),
            mine.Select(result => (result.CardId, result.Dots, result.Remaining))));
        var end = await board.GetSnapshot(null);
        Assert.All(end.Cards, card => Assert.Equal(Voters, card.Dots));
        Assert.Equal(start.Version + Voters * CardCount, end.Version);
        await BoardInvariants.AssertHoldAsync(board, people);

        // Every change arrived in some stored batch, and the batches were few.
        await observer.UntilVersionAsync(end.Version);
        var batches = observer.Heard;
        Assert.Equal(Voters * CardCount, batches.Sum(batch => batch.ToVersion - batch.FromVersion));
        Assert.True(batches.Count <= Voters * CardCount / 10, $"{Voters * CardCount} dots took {batches.Count} writes.");

        await board.Unsubscribe(reference);
        fixture.Cluster.Client.DeleteObjectReference<IBoardObserver>(reference);
    }
}
