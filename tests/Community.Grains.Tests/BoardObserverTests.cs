using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BoardObserverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_observer_hears_every_stored_change_once_with_contiguous_growing_versions()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync(Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 1 });
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IBoardObserver>(observer);
        await board.Subscribe(reference);
        var start = await board.GetSnapshot(null);
        var people = Enumerable.Range(0, 40).Select(index => Scenario.Participant($"Voter {index}")).ToList();

        var cards = new List<CardView>();
        foreach (var title in new[] { "A", "B", "C", "D" })
        {
            cards.Add(await board.Propose(people[0], new CardDraft(null, title, null)));
        }

        await Task.WhenAll(people.SelectMany(person => cards.Take(3).Select(card => board.SetDots(person, card.CardId, 1))));
        await board.Remove(people[0], cards[3].CardId);
        await board.SetState(scenario.Facilitator, BoardState.VotingClosed);
        var end = await board.GetSnapshot(null);
        await observer.UntilVersionAsync(end.Version);

        var heard = observer.Heard;
        Assert.Equal(start.Version, heard[0].FromVersion);
        for (var index = 0; index < heard.Count; index++)
        {
            Assert.True(heard[index].ToVersion > heard[index].FromVersion);
            Assert.Equal(index == 0 ? start.Version : heard[index - 1].ToVersion, heard[index].FromVersion);
        }

        Assert.Equal(end.Version, heard[^1].ToVersion);
        Assert.Equal(BoardState.VotingClosed, heard[^1].State);
        Assert.Contains(heard, changes => changes.Removed.Contains(cards[3].CardId));

        // Folding the messages over the first snapshot gives the board as it is now, as a live client would show it.
        var folded = start.Cards.ToDictionary(card => card.CardId);
        foreach (var changes in heard)
        {
            foreach (var card in changes.Cards)
            {
                folded[card.CardId] = card;
            }

            foreach (var patch in changes.Patches)
            {
                folded[patch.CardId] = patch.ApplyTo(folded[patch.CardId]);
            }

            foreach (var removed in changes.Removed)
            {
                folded.Remove(removed);
            }
        }

        Assert.Equal(Scenario.Json(end.Cards), Scenario.Json(folded.Values.OrderBy(card => card.CreatedAt).ThenBy(card => card.CardId)));
        await board.Unsubscribe(reference);
        fixture.Cluster.Client.DeleteObjectReference<IBoardObserver>(reference);
    }

    [Fact]
    public async Task An_unsubscribed_observer_hears_nothing_more()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var leaving = new RecordingObserver();
        var staying = new RecordingObserver();
        var leavingReference = fixture.Cluster.Client.CreateObjectReference<IBoardObserver>(leaving);
        var stayingReference = fixture.Cluster.Client.CreateObjectReference<IBoardObserver>(staying);
        await board.Subscribe(leavingReference);
        await board.Subscribe(stayingReference);
        await board.Propose(Scenario.Participant(), new CardDraft(null, "Heard by both", null));
        await leaving.UntilVersionAsync((await board.GetSnapshot(null)).Version);

        await board.Unsubscribe(leavingReference);
        await board.Propose(Scenario.Participant(), new CardDraft(null, "Heard by one", null));
        await staying.UntilVersionAsync((await board.GetSnapshot(null)).Version);

        Assert.Single(leaving.Heard);
        Assert.Equal(2, staying.Heard.Count);
        await board.Unsubscribe(stayingReference);
        fixture.Cluster.Client.DeleteObjectReference<IBoardObserver>(leavingReference);
        fixture.Cluster.Client.DeleteObjectReference<IBoardObserver>(stayingReference);
    }
}
