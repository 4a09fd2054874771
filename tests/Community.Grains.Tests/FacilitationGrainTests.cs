using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

/// <summary>A facilitator's second chances and fairness tools: restoring hidden or merged cards, and hidden dot counts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FacilitationGrainTests(ClusterFixture fixture)
{
    private static readonly BoardDefinition Hiding = Scenario.OpenSpace with { HideDotsWhileVoting = true };

    [Fact]
    public async Task A_hidden_card_comes_back_without_dots_and_its_voter_keeps_the_budget_they_got_back()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var voter = Scenario.Participant();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Robotics clubs", null));
        await board.SetDots(voter, card.CardId, 1);

        await board.Remove(scenario.Facilitator, card.CardId);
        var retired = await board.GetRetiredCards(scenario.Facilitator);
        var restored = await board.Restore(scenario.Facilitator, card.CardId);
        var again = await board.Restore(scenario.Facilitator, card.CardId);

        Assert.Equal(CardStatus.Hidden, Assert.Single(retired).Status);
        Assert.Equal(CardStatus.Proposed, restored.Status);
        Assert.Equal(0, restored.Dots);
        Assert.Equal(Scenario.Json(restored), Scenario.Json(again));
        var snapshot = await board.GetSnapshot(voter.ParticipantId);
        Assert.Equal(3, snapshot.MyDots!.Remaining);
        Assert.Equal(card.CardId, Assert.Single(snapshot.Cards).CardId);
        Assert.Empty(await board.GetRetiredCards(scenario.Facilitator));
    }

    [Fact]
    public async Task A_merged_card_comes_back_empty_while_its_dots_stay_on_the_card_it_was_merged_into()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var voter = Scenario.Participant();
        var survivor = await board.Propose(Scenario.Participant(), new CardDraft(null, "AI in class", null));
        var duplicate = await board.Propose(Scenario.Participant(), new CardDraft(null, "AI in the classroom", null));
        await board.SetDots(voter, duplicate.CardId, 1);
        await board.Merge(scenario.Facilitator, duplicate.CardId, survivor.CardId);

        var merged = Assert.Single(await board.GetRetiredCards(scenario.Facilitator));
        var restored = await board.Restore(scenario.Facilitator, duplicate.CardId);

        Assert.Equal(survivor.CardId, merged.MergedInto);
        Assert.Equal((CardStatus.Proposed, 0, (string?)null), (restored.Status, restored.Dots, restored.MergedInto));
        var snapshot = await board.GetSnapshot(voter.ParticipantId);
        Assert.Equal(1, snapshot.Cards.Single(card => card.CardId == survivor.CardId).Dots);
        Assert.Equal(2, snapshot.MyDots!.Remaining);
        await BoardInvariants.AssertHoldAsync(board, [voter]);
    }

    [Fact]
    public async Task Only_a_facilitator_restores_and_only_hidden_or_merged_cards_and_a_refusal_changes_nothing()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var author = Scenario.Participant();
        var withdrawn = await board.Propose(author, new CardDraft(null, "Withdrawn by its author", null));
        var hidden = await board.Propose(Scenario.Participant(), new CardDraft(null, "Hidden", null));
        await board.Remove(author, withdrawn.CardId);
        await board.Remove(scenario.Facilitator, hidden.CardId);
        var before = await board.GetSnapshot(null);

        await Refused(DomainError.Forbidden, () => board.Restore(Scenario.Participant(), hidden.CardId));
        await Refused(DomainError.Forbidden, () => board.GetRetiredCards(author));
        await Refused(DomainError.CardNotActive, () => board.Restore(scenario.Facilitator, withdrawn.CardId), "cardId");
        await Refused(DomainError.NotFound, () => board.Restore(scenario.Facilitator, "no-such-card"), "cardId");

        Assert.Equal(Scenario.Json(before), Scenario.Json(await board.GetSnapshot(null)));
        Assert.Equal([hidden.CardId], (await board.GetRetiredCards(scenario.Facilitator)).Select(card => card.CardId));
    }

    [Fact]
    public async Task While_voting_is_open_a_participant_sees_no_dot_counts_anywhere_and_a_facilitator_does()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync(Hiding);
        var voter = Scenario.Participant();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Unplugged coding", null));

        var result = await board.SetDots(voter, card.CardId, 1);
        var interested = await board.SetInterest(voter, card.CardId, true);
        var participantView = await board.GetSnapshotFor(voter);
        var facilitatorView = await board.GetSnapshotFor(scenario.Facilitator);

        Assert.Equal((0, true, 2), (result.CardDots, result.CardDotsHidden, result.Remaining));
        Assert.Equal(0, interested.Dots);
        Assert.True(participantView.DotsHidden);
        Assert.Equal(0, Assert.Single(participantView.Cards).Dots);
        Assert.Equal(1, participantView.MyDots!.Dots[card.CardId]);
        Assert.Equal(0, (await board.GetCard(card.CardId, voter)).Dots);
        Assert.Equal(1, Assert.Single(facilitatorView.Cards).Dots);
        Assert.Equal(1, (await board.GetCard(card.CardId, scenario.Facilitator)).Dots);

        await board.SetState(scenario.Facilitator, BoardState.VotingClosed);
        var closed = await board.GetSnapshotFor(voter);

        Assert.False(closed.DotsHidden);
        Assert.True(closed.HideDotsWhileVoting);
        Assert.Equal(1, Assert.Single(closed.Cards).Dots);
    }

    [Fact]
    public async Task A_facilitator_hides_counts_mid_vote_and_shows_them_again_but_a_participant_or_a_locked_board_may_not()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var voter = Scenario.Participant();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Scratch for seniors", null));
        await board.SetDots(voter, card.CardId, 1);

        var hidden = await board.SetDotsHidden(scenario.Facilitator, true);
        var participantView = await board.GetSnapshotFor(voter);
        await Refused(DomainError.Forbidden, () => board.SetDotsHidden(voter, false));
        var shown = await board.SetDotsHidden(scenario.Facilitator, false);

        Assert.True(hidden.DotsHidden);
        Assert.Equal(0, Assert.Single(participantView.Cards).Dots);
        Assert.False(shown.DotsHidden);
        Assert.Equal(1, Assert.Single((await board.GetSnapshotFor(voter)).Cards).Dots);

        await board.SetState(scenario.Facilitator, BoardState.Locked);
        await Refused(DomainError.BoardClosed, () => board.SetDotsHidden(scenario.Facilitator, true));
        Assert.False((await board.GetSnapshot(null)).HideDotsWhileVoting);
    }
}
