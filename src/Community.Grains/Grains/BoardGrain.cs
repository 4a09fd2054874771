using System.Collections.Immutable;
using Community.Grains.Abstractions;
using Community.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Community.Grains.Grains;

/// <summary>
/// The single writer of one board and the hot path of a meeting. Reentrant so that many dots can wait on one
/// storage write (<see cref="GroupCommit"/>); every check and change still runs inside one turn, against the
/// in-memory state, so the invariants hold however calls interleave. Readers and observers only ever see stored
/// state: a snapshot is built from the last stored record, and observers hear of a batch once it is stored.
/// A batch is stored as one small entry of the board's journal (<see cref="BoardJournal"/>: the cards and voters it
/// touched), so its cost follows the batch, not the board; every so often the whole record is stored as a new
/// snapshot instead, which starts a new journal. Loading is the snapshot plus the journal entries after it.
/// </summary>
[Reentrant]
internal sealed class BoardGrain : Grain, IBoardGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "board";

    private const int MaxCards = 500;
    private const int MaxLinkedBoards = 20;
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxRound = TimeSpan.FromHours(12);

    /// <summary>At most about 20 writes per second on a hot board; an idle board writes at once.</summary>
    private static readonly TimeSpan MinWriteInterval = TimeSpan.FromMilliseconds(50);

    private readonly IPersistentState<BoardRecord> _board;
    private readonly ObserverManager<IBoardObserver> _observers;
    private readonly GroupCommit _commit;
    private readonly BoardJournals _journals;
    private BoardJournal _journal = null!;

    /// <summary>Cards changed since the last write began; the next write tells observers about them.</summary>
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Participants whose dots changed since the last write began; the next journal entry carries their dots.</summary>
    private readonly HashSet<string> _touchedVoters = new(StringComparer.Ordinal);

    /// <summary>The last record known to be stored: what readers and observers see. Set on activation.</summary>
    private BoardRecord _stored = new();
    private BoardSnapshot? _storedSnapshot;

    public BoardGrain([PersistentState(StateName)] IPersistentState<BoardRecord> board, BoardJournals journals, ILogger<BoardGrain> logger)
    {
        _board = board;
        _journals = journals;
        _observers = new ObserverManager<IBoardObserver>(ObserverExpiry, logger);
        _commit = new GroupCommit(WriteBatch, this.DeactivateOnIdle, MinWriteInterval);
    }

    private BoardRecord Board => _board.State;

    private BoardDefinition Definition => Board.Definition;

    private string MeetingId => Keys.Parts(this.GetPrimaryKeyString())[0];

    private string BoardId => Keys.Parts(this.GetPrimaryKeyString())[1];

    /// <summary>The snapshot is loaded by then (a board stored before journals is a snapshot with no journal yet).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = _journals.Open(this.GetGrainId());
        _board.State = await _journal.ReplayAsync(_board.State);
        _stored = _board.State;
    }

    public async Task<BoardSnapshot> Initialize(BoardDefinition definition)
    {
        Rules.Require(!Board.Initialized, DomainError.Conflict, $"Board {BoardId} already exists.");
        var normalized = BoardRules.Normalize(definition);
        await Change(Board with { Initialized = true, Definition = normalized, State = BoardState.Open });
        return StoredSnapshot();
    }

    public Task<BoardSnapshot> GetSnapshot(string? participantId)
    {
        EnsureInitialized(_stored);
        var snapshot = StoredSnapshot();
        return Task.FromResult(participantId is null ? snapshot : snapshot with { MyDots = MyBoard(_stored, participantId) });
    }

    public Task<CardView> GetCard(string cardId, Actor? viewer)
    {
        EnsureInitialized(_stored);
        var card = Card(_stored, cardId).ToView();
        return Task.FromResult(viewer is null ? card : DotVisibility.For(viewer, card, DotsHidden(_stored)));
    }

    public async Task<BoardSnapshot> SetState(Actor actor, BoardState state)
    {
        EnsureFacilitator(actor);
        Rules.Require(Enum.IsDefined(state), DomainError.Invalid, "state must be open, votingClosed or locked.", "state");
        await (state == Board.State ? _commit.WhenDurable() : Change(Board with { State = state }));
        return StoredSnapshot();
    }

    public async Task<CardView> Propose(Actor actor, CardDraft draft)
    {
        EnsureWritable();
        var title = Rules.Text(draft.Title, "title", 1, BoardRules.MaxTitle);
        var description = Rules.OptionalText(draft.Description, "description", BoardRules.MaxDescription);
        var lane = draft.Lane is null ? Definition.Lanes[0].Id : KnownLane(draft.Lane);
        Rules.Require(Board.Cards.Count < MaxCards, DomainError.Conflict, $"A board holds at most {MaxCards} cards.");
        var card = new StoredCard
        {
            CardId = NewCardId(),
            Lane = lane,
            Title = title,
            Description = description,
            AuthorId = actor.ParticipantId,
            AuthorName = actor.DisplayName,
            Status = CardStatus.Proposed,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Change(Board.WithCard(card), card.CardId);
        return card.ToView();
    }

    public async Task<CardView> Edit(Actor actor, string cardId, CardEdit edit)
    {
        EnsureWritable();
        var card = ActiveCard(cardId);
        EnsureAuthorOrFacilitator(actor, card);
        var edited = card with
        {
            Title = edit.Title is null ? card.Title : Rules.Text(edit.Title, "title", 1, BoardRules.MaxTitle),
            Description = edit.Description is null ? card.Description : Rules.OptionalText(edit.Description, "description", BoardRules.MaxDescription),
            Lane = edit.Lane is null ? card.Lane : KnownLane(edit.Lane),
            LinkedBoards = edit.LinkedBoards is null ? card.LinkedBoards : LinkedBoards(edit.LinkedBoards),
        };
        return ViewFor(actor, await ChangeCard(edited, card));
    }

    public async Task<CardView> Remove(Actor actor, string cardId)
    {
        EnsureWritable();
        var card = ActiveCard(cardId);
        EnsureAuthorOrFacilitator(actor, card);
        // The author takes their own card back; anyone else removing it is a facilitator hiding it.
        var status = actor.ParticipantId == card.AuthorId ? CardStatus.Withdrawn : CardStatus.Hidden;
        var next = Board;
        foreach (var (participantId, dots) in Board.Dots)
        {
            if (dots.ContainsKey(cardId))
            {
                next = WithDotsOf(next, participantId, dots.Remove(cardId));
            }
        }

        var retired = card.Retired(status);
        await Change(next.WithCard(retired), cardId);
        return retired.ToView();
    }

    public async Task<DotResult> SetDots(Actor actor, string cardId, int dots)
    {
        if (dots < 0)
        {
            throw Rules.Invalid("dots", "dots cannot be negative.");
        }

        EnsureWritable();
        var card = Card(Board, cardId);
        Rules.Require(Board.State == BoardState.Open, DomainError.BoardClosed, "Voting is closed on this board.");
        Rules.Require(card.IsActive, DomainError.CardNotActive, $"Card {cardId} is {card.Status} and takes no dots.", "cardId");
        Rules.Require(dots <= Definition.MaxDotsPerCard, DomainError.OverCardCap,
            $"At most {Dots(Definition.MaxDotsPerCard)} per card.", "dots");
        var mine = Board.DotsOf(actor.ParticipantId);
        var current = mine.GetValueOrDefault(cardId);
        var elsewhere = mine.Values.Sum() - current;
        Rules.Require(elsewhere + dots <= Definition.DotsPerParticipant, DomainError.OverBudget,
            $"You have {Dots(Definition.DotsPerParticipant - elsewhere)} left for this card.", "dots");

        var cardDots = card.Dots - current + dots;
        if (dots == current)
        {
            // A retry of a dot still in flight is answered when that dot is stored.
            await _commit.WhenDurable();
        }
        else
        {
            var next = WithDotsOf(Board, actor.ParticipantId, dots == 0 ? mine.Remove(cardId) : mine.SetItem(cardId, dots));
            await Change(next.WithCard(card with { Dots = cardDots }), cardId);
            CommunityMetrics.DotsSet.Add(1);
        }

        var hidden = DotsHidden(Board) && !DotVisibility.SeesCounts(actor);
        return new DotResult(cardId, dots, Definition.DotsPerParticipant - elsewhere - dots, hidden ? 0 : cardDots, hidden);
    }

    public async Task<CardView> SetInterest(Actor actor, string cardId, bool interested)
    {
        EnsureWritable();
        var card = ActiveCard(cardId);
        var people = interested ? card.Interested.Add(actor.ParticipantId) : card.Interested.Remove(actor.ParticipantId);
        return ViewFor(actor, await ChangeCard(card with { Interested = people }, card));
    }

    /// <summary>"I'm here now" follows a person: being present at one discussion ends their presence at any other.</summary>
    public async Task<CardView> SetPresence(Actor actor, string cardId, bool present)
    {
        EnsureWritable();
        var card = ActiveCard(cardId);
        if (card.Present.Contains(actor.ParticipantId) == present)
        {
            await _commit.WhenDurable();
            return ViewFor(actor, card.ToView());
        }

        var next = Board;
        var touched = new List<string> { cardId };
        if (present)
        {
            foreach (var elsewhere in Board.Cards.Values.Where(other => other.CardId != cardId && other.Present.Contains(actor.ParticipantId)))
            {
                next = next.WithCard(elsewhere with { Present = elsewhere.Present.Remove(actor.ParticipantId) });
                touched.Add(elsewhere.CardId);
            }
        }

        var changed = card with { Present = present ? card.Present.Add(actor.ParticipantId) : card.Present.Remove(actor.ParticipantId) };
        await Change(next.WithCard(changed), [.. touched]);
        return ViewFor(actor, changed.ToView());
    }

    public async Task<CardView> Schedule(Actor actor, string cardId, Placement placement)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        var card = ActiveCard(cardId);
        var slot = Definition.Slots.FirstOrDefault(s => s.Id == placement.SlotId)
            ?? throw Rules.Invalid("slotId", $"No slot '{placement.SlotId}' on this board.");
        _ = Definition.Spaces.FirstOrDefault(s => s.Id == placement.SpaceId)
            ?? throw Rules.Invalid("spaceId", $"No space '{placement.SpaceId}' on this board.");
        var others = Board.Cards.Values.Where(other => other.CardId != cardId && other.Placement is not null).ToList();
        var taken = others.FirstOrDefault(other => other.Placement == placement);
        Rules.Require(taken is null, DomainError.GridConflict, $"'{taken?.Title}' already takes this slot and space.");
        var busy = others.FirstOrDefault(other => other.Placement!.SlotId == slot.Id && other.AuthorId == card.AuthorId);
        Rules.Require(busy is null, DomainError.GridConflict, $"{card.AuthorName} already convenes '{busy?.Title}' in this slot.");
        return await ChangeCard(card with { Status = CardStatus.Scheduled, Placement = placement }, card);
    }

    public async Task<CardView> Unschedule(Actor actor, string cardId)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        var card = ActiveCard(cardId);
        return await ChangeCard(card with { Status = CardStatus.Proposed, Placement = null }, card);
    }

    public async Task<CardView> Merge(Actor actor, string cardId, string intoCardId)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        Rules.Require(cardId != intoCardId, DomainError.Invalid, "A card cannot be merged into itself.", "intoCardId");
        var merged = Card(Board, cardId);
        var survivor = Card(Board, intoCardId, "intoCardId");
        if (merged.Status == CardStatus.Merged && merged.MergedInto == intoCardId)
        {
            // A retried merge: already done.
            await _commit.WhenDurable();
            return survivor.ToView();
        }

        Rules.Require(merged.IsActive, DomainError.CardNotActive, $"Card {cardId} is {merged.Status}.", "cardId");
        Rules.Require(survivor.IsActive, DomainError.CardNotActive, $"Card {intoCardId} is {survivor.Status}.", "intoCardId");

        // Each voter keeps their dots, but at most the cap on the survivor; the rest goes back to their budget.
        var next = Board;
        var survivorDots = survivor.Dots;
        foreach (var (participantId, dots) in Board.Dots)
        {
            if (dots.TryGetValue(cardId, out var moving))
            {
                var had = dots.GetValueOrDefault(intoCardId);
                var kept = Math.Min(Definition.MaxDotsPerCard, had + moving);
                survivorDots += kept - had;
                next = WithDotsOf(next, participantId, dots.Remove(cardId).SetItem(intoCardId, kept));
            }
        }

        var grown = survivor with
        {
            Dots = survivorDots,
            Interested = survivor.Interested.Union(merged.Interested),
            Present = survivor.Present.Union(merged.Present),
        };
        await Change(next.WithCard(grown).WithCard(merged.Retired(CardStatus.Merged, intoCardId)), cardId, intoCardId);

        var discussion = await GrainFactory.GetGrain<ICardDiscussionGrain>(Keys.Card(MeetingId, BoardId, cardId)).Get();
        await GrainFactory.GetGrain<ICardDiscussionGrain>(Keys.Card(MeetingId, BoardId, intoCardId)).Absorb(merged.Title, discussion);
        return grown.ToView();
    }

    public async Task<CardView> RecordDiscussion(string cardId, bool hasNotes, int photoCount)
    {
        EnsureInitialized(Board);
        if (photoCount < 0)
        {
            throw Rules.Invalid("photoCount", "photoCount cannot be negative.");
        }

        var card = Card(Board, cardId);
        // Always a change: notes edited without changing the counts still tell the topic page to refresh them.
        var recorded = card with { HasNotes = hasNotes, PhotoCount = photoCount };
        await Change(Board.WithCard(recorded), cardId);
        return recorded.ToView();
    }

    public async Task<BoardSnapshot> StartRound(Actor actor, string label, TimeSpan duration)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        var roundLabel = Rules.Text(label, "label", 1, 60);
        if (duration < TimeSpan.FromSeconds(1) || duration > MaxRound)
        {
            throw Rules.Invalid("duration", $"A round lasts from 1 second to {MaxRound.TotalHours} hours.");
        }

        var now = DateTimeOffset.UtcNow;
        await Change(Board with { Round = new RoundTimer(roundLabel, now, now + duration) });
        return StoredSnapshot();
    }

    public async Task<BoardSnapshot> StopRound(Actor actor)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        await (Board.Round is null ? _commit.WhenDurable() : Change(Board with { Round = null }));
        return StoredSnapshot();
    }

    public Task<BoardSnapshot> GetSnapshotFor(Actor actor)
    {
        EnsureInitialized(_stored);
        var snapshot = StoredSnapshot() with { MyDots = MyBoard(_stored, actor.ParticipantId) };
        return Task.FromResult(snapshot.DotsHidden && !DotVisibility.SeesCounts(actor)
            ? snapshot with { Cards = [.. snapshot.Cards.Select(DotVisibility.WithoutCount)] }
            : snapshot);
    }

    public async Task<BoardSnapshot> SetDotsHidden(Actor actor, bool hidden)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        await (Definition.HideDotsWhileVoting == hidden
            ? _commit.WhenDurable()
            : Change(Board with { Definition = Definition with { HideDotsWhileVoting = hidden } }));
        return StoredSnapshot();
    }

    public Task<IReadOnlyList<CardView>> GetRetiredCards(Actor actor)
    {
        EnsureFacilitator(actor);
        IReadOnlyList<CardView> retired = [.. _stored.Cards.Values
            .Where(card => card.Status is CardStatus.Hidden or CardStatus.Merged)
            .OrderByDescending(card => card.CreatedAt).ThenBy(card => card.CardId)
            .Select(card => card.ToView())];
        return Task.FromResult(retired);
    }

    public async Task<CardView> Restore(Actor actor, string cardId)
    {
        EnsureFacilitator(actor);
        EnsureWritable();
        var card = Card(Board, cardId);
        if (card.IsActive)
        {
            // A retried restore: already back.
            await _commit.WhenDurable();
            return card.ToView();
        }

        Rules.Require(card.Status is CardStatus.Hidden or CardStatus.Merged, DomainError.CardNotActive,
            $"Card {cardId} was withdrawn by its author and only they may propose it again.", "cardId");
        // Retired() released its dots, interest, presence and place: it comes back empty, so no budget can overflow.
        var restored = card with { Status = CardStatus.Proposed, MergedInto = null };
        await Change(Board.WithCard(restored), cardId);
        return restored.ToView();
    }

    public async Task RemoveParticipant(string participantId)
    {
        EnsureInitialized(Board);
        var next = WithDotsOf(Board, participantId, ImmutableDictionary<string, int>.Empty);
        var touched = new List<string>();
        foreach (var card in Board.Cards.Values)
        {
            var dots = Board.DotsOf(participantId).GetValueOrDefault(card.CardId);
            if (dots > 0 || card.Interested.Contains(participantId) || card.Present.Contains(participantId))
            {
                next = next.WithCard(card with
                {
                    Dots = card.Dots - dots,
                    Interested = card.Interested.Remove(participantId),
                    Present = card.Present.Remove(participantId),
                });
                touched.Add(card.CardId);
            }
        }

        await (touched.Count == 0 ? _commit.WhenDurable() : Change(next, [.. touched]));
    }

    public Task Subscribe(IBoardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IBoardObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Applies a change in memory (one version more) and waits until a write that includes it is stored.</summary>
    private Task Change(BoardRecord next, params string[] touchedCards)
    {
        _commit.ThrowIfFailed();
        _board.State = next with { Version = Board.Version + 1 };
        _touched.UnionWith(touchedCards);
        return _commit.Include();
    }

    /// <summary>Changes a participant's dots and has the next journal entry carry them.</summary>
    private BoardRecord WithDotsOf(BoardRecord board, string participantId, ImmutableDictionary<string, int> dots)
    {
        _touchedVoters.Add(participantId);
        return board.WithDotsOf(participantId, dots);
    }

    /// <summary>A change of one card; an edit that changes nothing neither bumps the version nor writes.</summary>
    private async Task<CardView> ChangeCard(StoredCard changed, StoredCard current)
    {
        await (changed == current ? _commit.WhenDurable() : Change(Board.WithCard(changed), changed.CardId));
        return changed.ToView();
    }

    /// <summary>
    /// Stores everything changed so far as one journal entry (or, when due, as a new snapshot), then tells observers
    /// about it in one message.
    /// </summary>
    private async Task WriteBatch()
    {
        // A journal entry carries cards, dots, state and round; a change of the board's definition (hiding dot
        // counts, say: rare) is stored as a snapshot.
        var snapshot = !_board.RecordExists || _journal.DueForSnapshot || !ReferenceEquals(Board.Definition, _stored.Definition);
        if (snapshot && _board.RecordExists)
        {
            await _journal.SealAsync(_stored.Version);
        }

        // Taken after the seal: changes made meanwhile go into this snapshot too, and are acknowledged by the next batch.
        var writing = Board;
        if (writing.Version == _stored.Version)
        {
            return;
        }

        var changes = Changes(_stored, writing, _touched);
        var entry = snapshot ? null : BoardBatch.Between(_stored.Version, writing, _touched, _touchedVoters);
        _touched.Clear();
        _touchedVoters.Clear();

        if (entry is null)
        {
            // Serialises the record before its first await, so what is stored is exactly `writing`.
            await _board.WriteStateAsync();
            _journal.StartAfterSnapshot(writing.Version);
        }
        else
        {
            await _journal.AppendAsync(entry);
        }

        CommunityMetrics.BatchSize.Record((int)(writing.Version - _stored.Version));
        _stored = writing;
        _storedSnapshot = null;
        // OnChanges is one-way: this hands the message to each observer without waiting for it.
        await _observers.Notify(observer => observer.OnChanges(changes));
    }

    /// <summary>
    /// The touched cards as watchers at <paramref name="stored"/>'s version need them: a patch when only counts,
    /// status, placement or lane changed on a card they hold; the whole card when it is new to them or its text changed.
    /// </summary>
    private BoardChanges Changes(BoardRecord stored, BoardRecord writing, IEnumerable<string> touched)
    {
        List<CardView> cards = [];
        List<CardPatch> patches = [];
        List<string> removed = [];
        foreach (var id in touched)
        {
            var card = writing.Cards[id];
            if (!card.IsActive)
            {
                removed.Add(id);
            }
            else if (stored.Cards.GetValueOrDefault(id) is { IsActive: true } before
                && CardPatch.Between(before.ToView(), card.ToView()) is { } patch)
            {
                patches.Add(patch);
            }
            else
            {
                cards.Add(card.ToView());
            }
        }

        return new BoardChanges
        {
            BoardId = BoardId,
            FromVersion = stored.Version,
            ToVersion = writing.Version,
            Cards = cards,
            Patches = patches,
            Removed = removed,
            State = writing.State,
            Round = writing.Round,
            DotsHidden = DotsHidden(writing),
        };
    }

    private BoardSnapshot StoredSnapshot() => _storedSnapshot ??= Snapshot(_stored);

    private BoardSnapshot Snapshot(BoardRecord board) => new()
    {
        MeetingId = MeetingId,
        BoardId = BoardId,
        Kind = board.Definition.Kind,
        Title = board.Definition.Title,
        Version = board.Version,
        State = board.State,
        Lanes = board.Definition.Lanes,
        Cards = [.. board.Cards.Values.Where(card => card.IsActive).OrderBy(card => card.CreatedAt).ThenBy(card => card.CardId).Select(card => card.ToView())],
        Grid = board.Definition.Kind == BoardKind.OpenSpace || board.Definition.Slots.Count > 0
            ? new Grid(board.Definition.Slots, board.Definition.Spaces)
            : null,
        Region = board.Definition.Region,
        DotsPerParticipant = board.Definition.DotsPerParticipant,
        MaxDotsPerCard = board.Definition.MaxDotsPerCard,
        Round = board.Round,
        DotsHidden = DotsHidden(board),
        HideDotsWhileVoting = board.Definition.HideDotsWhileVoting,
    };

    /// <summary>Participants see no counts while the board hides them and voting is open.</summary>
    private static bool DotsHidden(BoardRecord board) => board.Definition.HideDotsWhileVoting && board.State == BoardState.Open;

    private CardView ViewFor(Actor actor, CardView card) => DotVisibility.For(actor, card, DotsHidden(Board));

    private static MyBoard MyBoard(BoardRecord board, string participantId)
    {
        var dots = board.DotsOf(participantId);
        var active = board.Cards.Values.Where(card => card.IsActive).ToList();
        return new MyBoard(
            dots,
            board.Definition.DotsPerParticipant - dots.Values.Sum(),
            [.. active.Where(card => card.Interested.Contains(participantId)).Select(card => card.CardId)],
            [.. active.Where(card => card.Present.Contains(participantId)).Select(card => card.CardId)]);
    }

    private string NewCardId()
    {
        string id;
        do
        {
            id = Ids.NewShortId();
        }
        while (Board.Cards.ContainsKey(id));

        return id;
    }

    private string KnownLane(string lane) =>
        Definition.Lanes.Any(known => known.Id == lane) ? lane : throw Rules.Invalid("lane", $"No lane '{lane}' on this board.");

    private IReadOnlyList<string> LinkedBoards(IReadOnlyList<string> boardIds)
    {
        Rules.AtMost(boardIds, MaxLinkedBoards, "linkedBoards");
        for (var index = 0; index < boardIds.Count; index++)
        {
            Rules.Slug(boardIds[index], $"linkedBoards[{index}]");
            Rules.Require(boardIds[index] != BoardId, DomainError.Invalid, "A card cannot link to its own board.", $"linkedBoards[{index}]");
        }

        return [.. boardIds.Distinct()];
    }

    private void EnsureInitialized(BoardRecord board) =>
        Rules.Require(board.Initialized, DomainError.NotFound, $"Board {BoardId} does not exist.", "boardId");

    /// <summary>A locked board refuses every write but a facilitator's change of its state.</summary>
    private void EnsureWritable()
    {
        EnsureInitialized(Board);
        Rules.Require(Board.State != BoardState.Locked, DomainError.BoardClosed, "The board is locked.");
    }

    private void EnsureFacilitator(Actor actor)
    {
        EnsureInitialized(Board);
        Rules.Require(actor.IsAtLeast(Role.Facilitator), DomainError.Forbidden, "Only a facilitator may do this.");
    }

    private static void EnsureAuthorOrFacilitator(Actor actor, StoredCard card) =>
        Rules.Require(actor.ParticipantId == card.AuthorId || actor.IsAtLeast(Role.Facilitator), DomainError.Forbidden,
            "Only the card's author or a facilitator may do this.");

    private static StoredCard Card(BoardRecord board, string cardId, string field = "cardId") =>
        board.Cards.GetValueOrDefault(cardId) ?? throw new DomainException(DomainError.NotFound, $"No card {cardId} on this board.", field);

    private StoredCard ActiveCard(string cardId)
    {
        var card = Card(Board, cardId);
        Rules.Require(card.IsActive, DomainError.CardNotActive, $"Card {cardId} is {card.Status}.", "cardId");
        return card;
    }

    private static string Dots(int count) => count == 1 ? "1 dot" : $"{count} dots";
}
