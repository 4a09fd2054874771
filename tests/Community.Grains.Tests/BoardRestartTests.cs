using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BoardRestartTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_board_comes_back_after_a_silo_restart_exactly_as_it_was_and_its_version_keeps_growing()
    {
        var scenario = await Scenario.StartAsync(fixture.Cluster.Grains);
        var board = await scenario.BoardAsync(Scenario.OpenSpace with { DotsPerParticipant = 4, MaxDotsPerCard = 2 });
        var voter = Scenario.Participant();
        var cards = new List<CardView>();
        foreach (var title in new[] { "AI in the classroom", "Supporting girls in tech", "Unplugged coding" })
        {
            cards.Add(await board.Propose(Scenario.Participant(), new CardDraft(null, title, "Described")));
        }

        await Task.WhenAll(
            board.SetDots(voter, cards[0].CardId, 2),
            board.SetDots(voter, cards[1].CardId, 1),
            board.SetInterest(voter, cards[2].CardId, true),
            board.SetPresence(voter, cards[1].CardId, true));
        await board.Schedule(scenario.Facilitator, cards[0].CardId, new Placement("s1", "room-a"));
        await board.StartRound(scenario.Facilitator, "Round 1", TimeSpan.FromMinutes(30));
        await board.SetState(scenario.Facilitator, BoardState.VotingClosed);
        var before = await board.GetSnapshot(voter.ParticipantId);
        var meetingBefore = await scenario.Meeting.Get();

        await fixture.Cluster.RestartAsync();

        var after = await board.GetSnapshot(voter.ParticipantId);
        Assert.Equal(Scenario.Json(before), Scenario.Json(after));
        Assert.Equal(Scenario.Json(meetingBefore), Scenario.Json(await scenario.Meeting.Get()));
        await board.SetState(scenario.Facilitator, BoardState.Open);
        Assert.Equal(before.Version + 1, (await board.GetSnapshot(null)).Version);
    }
}
