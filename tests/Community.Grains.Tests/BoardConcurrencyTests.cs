using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BoardConcurrencyTests(ClusterFixture fixture)
{
    private const int Participants = 200;

    private static readonly BoardDefinition Board = Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 2 };

    /// <summary>Refusals that a burst of taps may rightly earn; anything else fails the test.</summary>
    private static async Task TapAsync(Func<Task> tap)
    {
        try
        {
            await tap();
        }
        catch (DomainException refused) when (refused.Error is DomainError.OverBudget or DomainError.CardNotActive)
        {
        }
    }

    private static async Task<(Scenario Scenario, IBoardGrain Board, List<CardView> Cards, List<Actor> People)> CrowdedBoardAsync(IGrainFactory grains)
    {
        var scenario = await Scenario.StartAsync(grains);
        var board = await scenario.BoardAsync(Board);
        var cards = new List<CardView>();
        for (var index = 0; index < 8; index++)
        {
            cards.Add(await board.Propose(Scenario.Participant(), new CardDraft(null, $"Topic {index}", null)));
        }

        var people = Enumerable.Range(0, Participants).Select(index => Scenario.Participant($"Voter {index}")).ToList();
        return (scenario, board, cards, people);
    }

    [Fact]
    public async Task Two_hundred_participants_voting_at_once_never_exceed_a_budget_and_every_count_adds_up()
    {
        var (_, board, cards, people) = await CrowdedBoardAsync(fixture.Grains);
        var random = new Random(2025);
        // Everyone taps at once, and each person fires a burst of overlapping taps on several cards.
        var taps = people.SelectMany(person => Enumerable.Range(0, 6).Select(_ =>
        {
            var card = cards[random.Next(cards.Count)].CardId;
            var dots = random.Next(0, Board.MaxDotsPerCard + 1);
            return TapAsync(() => board.SetDots(person, card, dots));
        })).ToList();

        await Task.WhenAll(taps);

        await BoardInvariants.AssertHoldAsync(board, people);
        var snapshot = await board.GetSnapshot(null);
        Assert.True(snapshot.Cards.Sum(card => card.Dots) > 0);
    }

    [Fact]
    public async Task The_same_participant_firing_the_same_dot_many_times_counts_it_once()
    {
        var (_, board, cards, people) = await CrowdedBoardAsync(fixture.Grains);
        var eager = people[0];

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => board.SetDots(eager, cards[0].CardId, 2)));

        Assert.All(results, result => Assert.Equal(new DotResult(cards[0].CardId, 2, 1, 2), result));
        Assert.Equal(2, (await board.GetCard(cards[0].CardId, null)).Dots);
        await BoardInvariants.AssertHoldAsync(board, [eager]);
    }

    [Fact]
    public async Task Merging_while_everyone_votes_keeps_budgets_caps_and_counts()
    {
        var (scenario, board, cards, people) = await CrowdedBoardAsync(fixture.Grains);
        var random = new Random(7);
        var duplicate = cards[0].CardId;
        var survivor = cards[1].CardId;
        Task Wave() => Task.WhenAll(people.Select(person =>
        {
            var card = random.Next(3) == 0 ? cards[random.Next(cards.Count)].CardId : random.Next(2) == 0 ? duplicate : survivor;
            return TapAsync(() => board.SetDots(person, card, random.Next(1, Board.MaxDotsPerCard + 1)));
        }));

        var first = Wave();
        var merge = board.Merge(scenario.Facilitator, duplicate, survivor);
        var second = Wave();
        await Task.WhenAll(first, merge, second);

        await BoardInvariants.AssertHoldAsync(board, people);
        var snapshot = await board.GetSnapshot(null);
        Assert.DoesNotContain(snapshot.Cards, card => card.CardId == duplicate);
        Assert.Equal(CardStatus.Merged, (await board.GetCard(duplicate, null)).Status);
    }
}
