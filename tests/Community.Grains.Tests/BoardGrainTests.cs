using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BoardGrainTests(ClusterFixture fixture)
{
    private async Task<(Scenario Scenario, IBoardGrain Board)> OpenSpaceAsync(BoardDefinition? definition = null)
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        return (scenario, await scenario.BoardAsync(definition));
    }

    [Fact]
    public async Task A_participant_proposes_a_topic_into_the_first_lane_and_everyone_sees_it()
    {
        var (_, board) = await OpenSpaceAsync();
        var maria = Scenario.Participant("Maria");
        var before = await board.GetSnapshot(null);

        var card = await board.Propose(maria, new CardDraft(null, "  AI in the classroom ", "How do we teach with it?"));

        Assert.Equal("AI in the classroom", card.Title);
        Assert.Equal("topics", card.Lane);
        Assert.Equal(maria.ParticipantId, card.AuthorId);
        Assert.Equal("Maria", card.AuthorName);
        Assert.Equal(CardStatus.Proposed, card.Status);
        var after = await board.GetSnapshot(null);
        Assert.Equal(Scenario.Json(card), Scenario.Json(Assert.Single(after.Cards)));
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(Scenario.Json(card), Scenario.Json(await board.GetCard(card.CardId, null)));
    }

    public static TheoryData<string, CardDraft> BadDrafts => new()
    {
        { "title", new CardDraft(null, "   ", null) },
        { "title", new CardDraft(null, new string('t', 121), null) },
        { "description", new CardDraft(null, "Topic", new string('d', 2_001)) },
        { "lane", new CardDraft("struggles", "Topic", null) },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_proposals_are_refused_naming_the_field_and_change_nothing(string field, CardDraft draft)
    {
        var (_, board) = await OpenSpaceAsync();
        var before = await board.GetSnapshot(null);

        await Refused(DomainError.Invalid, () => board.Propose(Scenario.Participant(), draft), field);

        Assert.Equal(Scenario.Json(before), Scenario.Json(await board.GetSnapshot(null)));
    }

    [Fact]
    public async Task A_glocal_card_goes_into_the_lane_asked_for_and_links_to_other_regions()
    {
        var (_, board) = await OpenSpaceAsync(Scenario.Glocal);
        var author = Scenario.Participant();

        var card = await board.Propose(author, new CardDraft("struggles", "Teachers lack time", null));
        var edited = await board.Edit(author, card.CardId, new CardEdit { Lane = "collaborationIdeas", LinkedBoards = ["nordics", "nordics"] });

        Assert.Equal("struggles", card.Lane);
        Assert.Equal("collaborationIdeas", edited.Lane);
        Assert.Equal(["nordics"], edited.LinkedBoards);
    }

    [Fact]
    public async Task The_author_and_a_facilitator_may_edit_a_card_but_nobody_else()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "Girls in tech", null));

        var byAuthor = await board.Edit(author, card.CardId, new CardEdit { Title = "Supporting girls in tech" });
        var byFacilitator = await board.Edit(scenario.Facilitator, card.CardId, new CardEdit { Description = "Role models" });
        await Refused(DomainError.Forbidden, () => board.Edit(Scenario.Participant(), card.CardId, new CardEdit { Title = "Mine" }));

        Assert.Equal("Supporting girls in tech", byAuthor.Title);
        Assert.Equal("Supporting girls in tech", byFacilitator.Title);
        Assert.Equal("Role models", (await board.GetCard(card.CardId, null)).Description);
    }

    public static TheoryData<string, CardEdit> BadEdits => new()
    {
        { "title", new CardEdit { Title = "" } },
        { "description", new CardEdit { Description = new string('d', 2_001) } },
        { "lane", new CardEdit { Lane = "nowhere" } },
        { "linkedBoards[0]", new CardEdit { LinkedBoards = ["not/a/board"] } },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task Bad_edits_are_refused_naming_the_field_and_change_nothing(string field, CardEdit edit)
    {
        var (_, board) = await OpenSpaceAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "Topic", "About it"));

        await Refused(DomainError.Invalid, () => board.Edit(author, card.CardId, edit), field);

        Assert.Equal(Scenario.Json(card), Scenario.Json(await board.GetCard(card.CardId, null)));
    }

    [Fact]
    public async Task Unknown_boards_and_cards_are_not_found()
    {
        var (scenario, board) = await OpenSpaceAsync();

        await Refused(DomainError.NotFound, () => scenario.Board("never-created").GetSnapshot(null), "boardId");
        await Refused(DomainError.NotFound, () => scenario.Board("never-created").Propose(Scenario.Participant(), new CardDraft(null, "Topic", null)), "boardId");
        await Refused(DomainError.NotFound, () => board.SetDots(Scenario.Participant(), "no-such-card", 1), "cardId");
        await Refused(DomainError.NotFound, () => board.GetCard("no-such-card", null), "cardId");
    }

    [Fact]
    public async Task A_board_is_initialised_only_once()
    {
        var (_, board) = await OpenSpaceAsync();

        await Refused(DomainError.Conflict, () => board.Initialize(Scenario.Glocal));

        Assert.Equal(BoardKind.OpenSpace, (await board.GetSnapshot(null)).Kind);
    }

    [Fact]
    public async Task Setting_dots_is_idempotent_and_reports_what_is_left()
    {
        var (_, board) = await OpenSpaceAsync(Scenario.OpenSpace with { DotsPerParticipant = 5, MaxDotsPerCard = 3 });
        var voter = Scenario.Participant();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Topic", null));

        var first = await board.SetDots(voter, card.CardId, 2);
        var version = (await board.GetSnapshot(null)).Version;
        var again = await board.SetDots(voter, card.CardId, 2);

        Assert.Equal(new DotResult(card.CardId, 2, 3, 2), first);
        Assert.Equal(first, again);
        Assert.Equal(version, (await board.GetSnapshot(null)).Version);
        var mine = (await board.GetSnapshot(voter.ParticipantId)).MyDots!;
        Assert.Equal(2, mine.Dots[card.CardId]);
        Assert.Equal(3, mine.Remaining);

        var lowered = await board.SetDots(voter, card.CardId, 0);

        Assert.Equal(new DotResult(card.CardId, 0, 5, 0), lowered);
        Assert.Empty((await board.GetSnapshot(voter.ParticipantId)).MyDots!.Dots);
    }

    [Fact]
    public async Task Dots_beyond_the_budget_the_card_cap_or_below_zero_are_refused_and_change_nothing()
    {
        var (_, board) = await OpenSpaceAsync(Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 2 });
        var voter = Scenario.Participant();
        var a = await board.Propose(voter, new CardDraft(null, "A", null));
        var b = await board.Propose(voter, new CardDraft(null, "B", null));
        await board.SetDots(voter, a.CardId, 2);
        var before = await board.GetSnapshot(voter.ParticipantId);

        await Refused(DomainError.OverCardCap, () => board.SetDots(voter, b.CardId, 3), "dots");
        await Refused(DomainError.OverBudget, () => board.SetDots(voter, b.CardId, 2), "dots");
        await Refused(DomainError.Invalid, () => board.SetDots(voter, b.CardId, -1), "dots");

        Assert.Equal(Scenario.Json(before), Scenario.Json(await board.GetSnapshot(voter.ParticipantId)));
        Assert.Equal(new DotResult(b.CardId, 1, 0, 1), await board.SetDots(voter, b.CardId, 1));
    }

    [Fact]
    public async Task Closed_voting_refuses_dots_but_keeps_the_board_readable_and_interest_open()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var voter = Scenario.Participant();
        var card = await board.Propose(voter, new CardDraft(null, "Topic", null));
        await board.SetDots(voter, card.CardId, 1);

        var closed = await board.SetState(scenario.Facilitator, BoardState.VotingClosed);

        Assert.Equal(BoardState.VotingClosed, closed.State);
        await Refused(DomainError.BoardClosed, () => board.SetDots(voter, card.CardId, 0));
        Assert.Equal(1, (await board.SetInterest(voter, card.CardId, true)).Interested);
        Assert.Equal(1, (await board.GetCard(card.CardId, null)).Dots);
    }

    [Fact]
    public async Task A_locked_board_refuses_every_write_until_a_facilitator_reopens_it()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "Topic", null));
        await board.SetState(scenario.Facilitator, BoardState.Locked);
        var locked = await board.GetSnapshot(null);

        await Refused(DomainError.BoardClosed, () => board.Propose(author, new CardDraft(null, "Another", null)));
        await Refused(DomainError.BoardClosed, () => board.Edit(author, card.CardId, new CardEdit { Title = "New" }));
        await Refused(DomainError.BoardClosed, () => board.SetDots(author, card.CardId, 1));
        await Refused(DomainError.BoardClosed, () => board.SetInterest(author, card.CardId, true));
        await Refused(DomainError.BoardClosed, () => board.SetPresence(author, card.CardId, true));
        await Refused(DomainError.BoardClosed, () => board.Remove(author, card.CardId));
        await Refused(DomainError.BoardClosed, () => board.Schedule(scenario.Facilitator, card.CardId, new Placement("s1", "room-a")));
        await Refused(DomainError.BoardClosed, () => board.StartRound(scenario.Facilitator, "Round 1", TimeSpan.FromMinutes(5)));
        await Refused(DomainError.Forbidden, () => board.SetState(author, BoardState.Open));
        Assert.Equal(Scenario.Json(locked), Scenario.Json(await board.GetSnapshot(null)));

        Assert.Equal(BoardState.Open, (await board.SetState(scenario.Facilitator, BoardState.Open)).State);
        Assert.Equal(1, (await board.SetDots(author, card.CardId, 1)).CardDots);
    }

    [Fact]
    public async Task Facilitator_only_actions_are_forbidden_to_participants()
    {
        var (_, board) = await OpenSpaceAsync();
        var participant = Scenario.Participant();
        var a = await board.Propose(participant, new CardDraft(null, "A", null));
        var b = await board.Propose(participant, new CardDraft(null, "B", null));
        var before = await board.GetSnapshot(null);

        await Refused(DomainError.Forbidden, () => board.SetState(participant, BoardState.Locked));
        await Refused(DomainError.Forbidden, () => board.Schedule(participant, a.CardId, new Placement("s1", "room-a")));
        await Refused(DomainError.Forbidden, () => board.Unschedule(participant, a.CardId));
        await Refused(DomainError.Forbidden, () => board.Merge(participant, a.CardId, b.CardId));
        await Refused(DomainError.Forbidden, () => board.StartRound(participant, "Round", TimeSpan.FromMinutes(1)));
        await Refused(DomainError.Forbidden, () => board.StopRound(participant));
        await Refused(DomainError.Forbidden, () => board.Remove(Scenario.Participant(), a.CardId));

        Assert.Equal(Scenario.Json(before), Scenario.Json(await board.GetSnapshot(null)));
    }

    [Fact]
    public async Task Withdrawn_and_hidden_cards_leave_the_board_and_return_their_dots()
    {
        var (scenario, board) = await OpenSpaceAsync(Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 2 });
        var author = Scenario.Participant();
        var voter = Scenario.Participant();
        var withdrawn = await board.Propose(author, new CardDraft(null, "Mine", null));
        var hidden = await board.Propose(Scenario.Participant(), new CardDraft(null, "Spam", null));
        await board.SetDots(voter, withdrawn.CardId, 2);
        await board.SetDots(voter, hidden.CardId, 1);
        await board.SetInterest(voter, hidden.CardId, true);

        Assert.Equal(CardStatus.Withdrawn, (await board.Remove(author, withdrawn.CardId)).Status);
        Assert.Equal(CardStatus.Hidden, (await board.Remove(scenario.Facilitator, hidden.CardId)).Status);

        var snapshot = await board.GetSnapshot(voter.ParticipantId);
        Assert.Empty(snapshot.Cards);
        Assert.Equal(3, snapshot.MyDots!.Remaining);
        Assert.Empty(snapshot.MyDots.Interested);
        await Refused(DomainError.CardNotActive, () => board.SetDots(voter, hidden.CardId, 1), "cardId");
        await Refused(DomainError.CardNotActive, () => board.Remove(author, withdrawn.CardId), "cardId");
        Assert.Equal(CardStatus.Hidden, (await board.GetCard(hidden.CardId, null)).Status);
    }

    [Fact]
    public async Task Interest_is_per_person_and_presence_follows_a_person_from_one_discussion_to_the_next()
    {
        var (_, board) = await OpenSpaceAsync();
        var walker = Scenario.Participant();
        var a = await board.Propose(Scenario.Participant(), new CardDraft(null, "A", null));
        var b = await board.Propose(Scenario.Participant(), new CardDraft(null, "B", null));

        await board.SetInterest(walker, a.CardId, true);
        Assert.Equal(1, (await board.SetInterest(walker, a.CardId, true)).Interested);
        await board.SetInterest(walker, b.CardId, true);
        Assert.Equal(1, (await board.SetPresence(walker, a.CardId, true)).Present);
        Assert.Equal(1, (await board.SetPresence(walker, b.CardId, true)).Present);

        var snapshot = await board.GetSnapshot(walker.ParticipantId);
        Assert.Equal(0, snapshot.Cards.Single(card => card.CardId == a.CardId).Present);
        Assert.Equal([b.CardId], snapshot.MyDots!.Present);
        Assert.Equal(new[] { a.CardId, b.CardId }.Order(), snapshot.MyDots.Interested.Order());

        Assert.Equal(0, (await board.SetInterest(walker, a.CardId, false)).Interested);
        Assert.Equal(0, (await board.SetPresence(walker, b.CardId, false)).Present);
        Assert.Empty((await board.GetSnapshot(walker.ParticipantId)).MyDots!.Present);
    }

    [Fact]
    public async Task A_facilitator_places_topics_in_the_grid_but_not_into_a_taken_cell_or_a_busy_conveners_slot()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var convener = Scenario.Participant();
        var first = await board.Propose(convener, new CardDraft(null, "First", null));
        var second = await board.Propose(convener, new CardDraft(null, "Second", null));
        var other = await board.Propose(Scenario.Participant(), new CardDraft(null, "Other", null));

        var placed = await board.Schedule(scenario.Facilitator, first.CardId, new Placement("s1", "room-a"));

        Assert.Equal(CardStatus.Scheduled, placed.Status);
        Assert.Equal(new Placement("s1", "room-a"), placed.Placement);
        await Refused(DomainError.GridConflict, () => board.Schedule(scenario.Facilitator, other.CardId, new Placement("s1", "room-a")));
        await Refused(DomainError.GridConflict, () => board.Schedule(scenario.Facilitator, second.CardId, new Placement("s1", "room-b")));
        await Refused(DomainError.Invalid, () => board.Schedule(scenario.Facilitator, other.CardId, new Placement("s9", "room-a")), "slotId");
        await Refused(DomainError.Invalid, () => board.Schedule(scenario.Facilitator, other.CardId, new Placement("s1", "attic")), "spaceId");
        Assert.Equal(new Placement("s2", "room-b"), (await board.Schedule(scenario.Facilitator, second.CardId, new Placement("s2", "room-b"))).Placement);
        Assert.Equal(new Placement("s1", "room-b"), (await board.Schedule(scenario.Facilitator, other.CardId, new Placement("s1", "room-b"))).Placement);

        var unscheduled = await board.Unschedule(scenario.Facilitator, first.CardId);

        Assert.Equal(CardStatus.Proposed, unscheduled.Status);
        Assert.Null(unscheduled.Placement);
        Assert.Equal(new Placement("s1", "room-a"), (await board.Schedule(scenario.Facilitator, second.CardId, new Placement("s1", "room-a"))).Placement);
    }

    [Fact]
    public async Task Merging_moves_dots_within_each_voters_cap_and_interest_to_the_survivor()
    {
        var (scenario, board) = await OpenSpaceAsync(Scenario.OpenSpace with { DotsPerParticipant = 5, MaxDotsPerCard = 2 });
        var both = Scenario.Participant();
        var onlyDuplicate = Scenario.Participant();
        var duplicate = await board.Propose(Scenario.Participant(), new CardDraft(null, "AI at school", null));
        var survivor = await board.Propose(Scenario.Participant(), new CardDraft(null, "AI in the classroom", null));
        await board.SetDots(both, duplicate.CardId, 2);
        await board.SetDots(both, survivor.CardId, 1);
        await board.SetDots(onlyDuplicate, duplicate.CardId, 1);
        await board.SetInterest(onlyDuplicate, duplicate.CardId, true);

        var merged = await board.Merge(scenario.Facilitator, duplicate.CardId, survivor.CardId);

        Assert.Equal(3, merged.Dots);
        Assert.Equal(1, merged.Interested);
        var bothView = (await board.GetSnapshot(both.ParticipantId)).MyDots!;
        Assert.Equal(2, bothView.Dots[survivor.CardId]);
        Assert.Equal(3, bothView.Remaining);
        Assert.False(bothView.Dots.ContainsKey(duplicate.CardId));
        var snapshot = await board.GetSnapshot(onlyDuplicate.ParticipantId);
        Assert.Equal(1, snapshot.MyDots!.Dots[survivor.CardId]);
        Assert.Equal([survivor.CardId], snapshot.MyDots.Interested);
        Assert.Equal([survivor.CardId], snapshot.Cards.Select(card => card.CardId));
        var gone = await board.GetCard(duplicate.CardId, null);
        Assert.Equal(CardStatus.Merged, gone.Status);
        Assert.Equal(survivor.CardId, gone.MergedInto);
        Assert.Equal(Scenario.Json(merged), Scenario.Json(await board.Merge(scenario.Facilitator, duplicate.CardId, survivor.CardId)));
    }

    [Fact]
    public async Task Merging_a_card_into_itself_or_into_a_removed_card_is_refused()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var author = Scenario.Participant();
        var a = await board.Propose(author, new CardDraft(null, "A", null));
        var b = await board.Propose(author, new CardDraft(null, "B", null));
        await board.Remove(author, b.CardId);

        await Refused(DomainError.Invalid, () => board.Merge(scenario.Facilitator, a.CardId, a.CardId), "intoCardId");
        await Refused(DomainError.CardNotActive, () => board.Merge(scenario.Facilitator, a.CardId, b.CardId), "intoCardId");
        await Refused(DomainError.NotFound, () => board.Merge(scenario.Facilitator, a.CardId, "nope"), "intoCardId");
        Assert.Equal(CardStatus.Proposed, (await board.GetCard(a.CardId, null)).Status);
    }

    [Fact]
    public async Task A_round_runs_for_its_duration_until_stopped()
    {
        var (scenario, board) = await OpenSpaceAsync();

        var started = await board.StartRound(scenario.Facilitator, "Round 1", TimeSpan.FromMinutes(25));

        Assert.Equal("Round 1", started.Round?.Label);
        Assert.Equal(TimeSpan.FromMinutes(25), started.Round!.EndsAt - started.Round.StartedAt);
        await Refused(DomainError.Invalid, () => board.StartRound(scenario.Facilitator, "", TimeSpan.FromMinutes(5)), "label");
        await Refused(DomainError.Invalid, () => board.StartRound(scenario.Facilitator, "Round 2", TimeSpan.Zero), "duration");
        Assert.Null((await board.StopRound(scenario.Facilitator)).Round);
        Assert.Null((await board.GetSnapshot(null)).Round);
    }

    [Fact]
    public async Task Every_change_raises_the_version_and_a_change_that_changes_nothing_does_not()
    {
        var (scenario, board) = await OpenSpaceAsync();
        var participant = Scenario.Participant();
        var versions = new List<long> { (await board.GetSnapshot(null)).Version };
        async Task Record() => versions.Add((await board.GetSnapshot(null)).Version);

        var card = await board.Propose(participant, new CardDraft(null, "A", null));
        await Record();
        await board.SetDots(participant, card.CardId, 1);
        await Record();
        await board.SetInterest(participant, card.CardId, true);
        await Record();
        await board.SetState(scenario.Facilitator, BoardState.VotingClosed);
        await Record();
        await board.SetState(scenario.Facilitator, BoardState.VotingClosed);
        await board.SetInterest(participant, card.CardId, true);
        await board.Edit(participant, card.CardId, new CardEdit { Title = "A" });
        await Record();

        var start = versions[0];
        Assert.Equal([start, start + 1, start + 2, start + 3, start + 4, start + 4], versions);
    }
}
