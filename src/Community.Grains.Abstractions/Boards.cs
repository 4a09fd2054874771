using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

public enum BoardKind
{
    /// <summary>The open-space marketplace: one lane of topics and a grid of time slots x spaces.</summary>
    OpenSpace = 0,
    /// <summary>A regional group: a region, its countries, and lanes for priorities, struggles, success stories and collaboration ideas.</summary>
    Glocal = 1,
}

public enum BoardState
{
    Open = 0,
    VotingClosed = 1,
    Locked = 2,
}

[Immutable, GenerateSerializer]
public sealed record Lane(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title);

[Immutable, GenerateSerializer]
public sealed record Slot(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset StartsAt,
    [property: Id(2)] DateTimeOffset EndsAt,
    [property: Id(3)] string Label);

[Immutable, GenerateSerializer]
public sealed record Space(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int? Capacity,
    [property: Id(3)] string? OnlineLink);

/// <summary>A glocal board's region: its name and its countries as ISO 3166-1 alpha-2 codes.</summary>
[Immutable, GenerateSerializer]
public sealed record Region(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Countries);

/// <summary>What an organiser asks for when creating a board; the meeting grain assigns the board id.</summary>
[Immutable, GenerateSerializer]
public sealed record BoardDefinition
{
    [Id(0)] public BoardKind Kind { get; init; }
    [Id(1)] public string Title { get; init; } = "";
    /// <summary>Empty: the kind's default lanes.</summary>
    [Id(2)] public IReadOnlyList<Lane> Lanes { get; init; } = [];
    [Id(3)] public IReadOnlyList<Slot> Slots { get; init; } = [];
    [Id(4)] public IReadOnlyList<Space> Spaces { get; init; } = [];
    [Id(5)] public Region? Region { get; init; }
    [Id(6)] public int DotsPerParticipant { get; init; } = 3;
    [Id(7)] public int MaxDotsPerCard { get; init; } = 1;
    /// <summary>Participants see no dot counts while voting is open (avoids band-wagon votes); facilitators still do.</summary>
    [Id(8)] public bool HideDotsWhileVoting { get; init; }
}

[Immutable, GenerateSerializer]
public sealed record BoardSummary(
    [property: Id(0)] string BoardId,
    [property: Id(1)] BoardKind Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] Region? Region);

public enum CardStatus
{
    Proposed = 0,
    Scheduled = 1,
    Merged = 2,
    Withdrawn = 3,
    Hidden = 4,
}

[Immutable, GenerateSerializer]
public sealed record CardDraft(
    [property: Id(0)] string? Lane,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description);

/// <summary>A partial edit of a card: null members are left as they are.</summary>
[Immutable, GenerateSerializer]
public sealed record CardEdit
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public string? Lane { get; init; }
    /// <summary>Other regions (glocal board ids) this card links to, for cross-border ideas.</summary>
    [Id(3)] public IReadOnlyList<string>? LinkedBoards { get; init; }
}

/// <summary>Where a scheduled topic takes place.</summary>
[Immutable, GenerateSerializer]
public sealed record Placement(
    [property: Id(0)] string SlotId,
    [property: Id(1)] string SpaceId);

/// <summary>A card as every watcher sees it: counts, not the voters.</summary>
[Immutable, GenerateSerializer]
public sealed record CardView
{
    [Id(0)] public string CardId { get; init; } = "";
    [Id(1)] public string Lane { get; init; } = "";
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public string AuthorId { get; init; } = "";
    [Id(5)] public string AuthorName { get; init; } = "";
    [Id(6)] public int Dots { get; init; }
    [Id(7)] public int Interested { get; init; }
    [Id(8)] public int Present { get; init; }
    [Id(9)] public CardStatus Status { get; init; }
    [Id(10)] public Placement? Placement { get; init; }
    [Id(11)] public string? MergedInto { get; init; }
    [Id(12)] public IReadOnlyList<string> LinkedBoards { get; init; } = [];
    [Id(13)] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Its discussion has notes (kept by the board from <see cref="IBoardGrain.RecordDiscussion"/>).</summary>
    [Id(14)] public bool HasNotes { get; init; }
    [Id(15)] public int PhotoCount { get; init; }
}

/// <summary>A running round: everyone sees the same countdown.</summary>
[Immutable, GenerateSerializer]
public sealed record RoundTimer(
    [property: Id(0)] string Label,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset EndsAt);

[Immutable, GenerateSerializer]
public sealed record Grid(
    [property: Id(0)] IReadOnlyList<Slot> Slots,
    [property: Id(1)] IReadOnlyList<Space> Spaces);

/// <summary>What one participant has done on a board; only in their own snapshot.</summary>
[Immutable, GenerateSerializer]
public sealed record MyBoard(
    [property: Id(0)] IReadOnlyDictionary<string, int> Dots,
    [property: Id(1)] int Remaining,
    [property: Id(2)] IReadOnlyList<string> Interested,
    [property: Id(3)] IReadOnlyList<string> Present);

/// <summary>The whole board at one version. Cards that were merged, withdrawn or hidden are not in it.</summary>
[Immutable, GenerateSerializer]
public sealed record BoardSnapshot
{
    [Id(0)] public string MeetingId { get; init; } = "";
    [Id(1)] public string BoardId { get; init; } = "";
    [Id(2)] public BoardKind Kind { get; init; }
    [Id(3)] public string Title { get; init; } = "";
    [Id(4)] public long Version { get; init; }
    [Id(5)] public BoardState State { get; init; }
    [Id(6)] public IReadOnlyList<Lane> Lanes { get; init; } = [];
    [Id(7)] public IReadOnlyList<CardView> Cards { get; init; } = [];
    [Id(8)] public Grid? Grid { get; init; }
    [Id(9)] public Region? Region { get; init; }
    [Id(10)] public int DotsPerParticipant { get; init; }
    [Id(11)] public int MaxDotsPerCard { get; init; }
    [Id(12)] public RoundTimer? Round { get; init; }
    [Id(13)] public MyBoard? MyDots { get; init; }
    /// <summary>Dot counts are hidden from participants now (the board hides them while voting is open); in their view every card shows 0.</summary>
    [Id(14)] public bool DotsHidden { get; init; }
    /// <summary>The facilitator's setting behind <see cref="DotsHidden"/>: hide counts whenever voting is open.</summary>
    [Id(15)] public bool HideDotsWhileVoting { get; init; }
}

/// <summary>The answer to setting my dots on a card.</summary>
[Immutable, GenerateSerializer]
public sealed record DotResult(
    [property: Id(0)] string CardId,
    [property: Id(1)] int Dots,
    [property: Id(2)] int Remaining,
    [property: Id(3)] int CardDots,
    [property: Id(4)] bool CardDotsHidden = false);

/// <summary>
/// What changed on a card that watchers already hold, without its text: only the members that changed are set, the
/// others are null (and left out of JSON). Status and Placement travel together: whenever either changed both are
/// set, and a null Placement next to a Status means "not placed". Dots may be left out for watchers who must not
/// see counts; a client that does not hold the card must fetch a snapshot.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record CardPatch
{
    [Id(0)] public string CardId { get; init; } = "";
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Lane { get; init; }
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Dots { get; init; }
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Interested { get; init; }
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Present { get; init; }
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CardStatus? Status { get; init; }
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Placement? Placement { get; init; }
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? HasNotes { get; init; }
    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PhotoCount { get; init; }

    /// <summary>
    /// The patch that turns <paramref name="before"/> into <paramref name="after"/>, or null when more than counts,
    /// status, placement and lane changed (a new title, say): then watchers need the whole card.
    /// </summary>
    public static CardPatch? Between(CardView before, CardView after)
    {
        var placed = before.Status != after.Status || before.Placement != after.Placement;
        var patch = new CardPatch
        {
            CardId = after.CardId,
            Lane = before.Lane == after.Lane ? null : after.Lane,
            Dots = before.Dots == after.Dots ? null : after.Dots,
            Interested = before.Interested == after.Interested ? null : after.Interested,
            Present = before.Present == after.Present ? null : after.Present,
            Status = placed ? after.Status : null,
            Placement = placed ? after.Placement : null,
            HasNotes = before.HasNotes == after.HasNotes ? null : after.HasNotes,
            PhotoCount = before.PhotoCount == after.PhotoCount ? null : after.PhotoCount,
        };
        return before.CardId == after.CardId && patch.ApplyTo(before) == after ? patch : null;
    }

    /// <summary>The card with this patch applied.</summary>
    public CardView ApplyTo(CardView card) => card with
    {
        Lane = Lane ?? card.Lane,
        Dots = Dots ?? card.Dots,
        Interested = Interested ?? card.Interested,
        Present = Present ?? card.Present,
        Status = Status ?? card.Status,
        Placement = Status is null ? card.Placement : Placement,
        HasNotes = HasNotes ?? card.HasNotes,
        PhotoCount = PhotoCount ?? card.PhotoCount,
    };

    /// <summary>This patch followed by a <paramref name="later"/> one of the same card, as one patch.</summary>
    public CardPatch Then(CardPatch later) => new()
    {
        CardId = CardId,
        Lane = later.Lane ?? Lane,
        Dots = later.Dots ?? Dots,
        Interested = later.Interested ?? Interested,
        Present = later.Present ?? Present,
        Status = later.Status ?? Status,
        Placement = later.Status is null ? Placement : later.Placement,
        HasNotes = later.HasNotes ?? HasNotes,
        PhotoCount = later.PhotoCount ?? PhotoCount,
    };
}

/// <summary>
/// What changed on a board between two versions. Cards lists, whole, the cards that are new to watchers at
/// FromVersion or whose text changed; Patches lists the other changed cards as <see cref="CardPatch"/>es; Removed
/// lists cards that left the board (merged, withdrawn, hidden). State and Round are the current values.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record BoardChanges
{
    [Id(0)] public string BoardId { get; init; } = "";
    [Id(1)] public long FromVersion { get; init; }
    [Id(2)] public long ToVersion { get; init; }
    [Id(3)] public IReadOnlyList<CardView> Cards { get; init; } = [];
    [Id(4)] public IReadOnlyList<string> Removed { get; init; } = [];
    [Id(5)] public BoardState State { get; init; }
    [Id(6)] public RoundTimer? Round { get; init; }
    /// <summary>Dot counts are hidden from participants at <see cref="ToVersion"/>: relays send them the cards without counts.</summary>
    [Id(7)] public bool DotsHidden { get; init; }
    [Id(8)] public IReadOnlyList<CardPatch> Patches { get; init; } = [];
}

/// <summary>A web node's relay for one board. Best effort: lost on silo restart, so relays resubscribe and clients resync.</summary>
public interface IBoardObserver : IGrainObserver
{
    [OneWay]
    Task OnChanges(BoardChanges changes);
}

/// <summary>
/// The single writer of one board, keyed by <see cref="Keys.Board"/>: cards, dots per participant, interest,
/// presence, grid placement, state, round. Every change raises <see cref="BoardSnapshot.Version"/>.
/// </summary>
public interface IBoardGrain : IGrainWithStringKey
{
    /// <summary>Called once by the meeting grain; refused with Conflict if the board exists.</summary>
    Task<BoardSnapshot> Initialize(BoardDefinition definition);

    /// <summary>The board, with <see cref="BoardSnapshot.MyDots"/> filled in when a participant id is given.</summary>
    Task<BoardSnapshot> GetSnapshot(string? participantId);

    /// <summary>
    /// One card as stored, also when merged, withdrawn or hidden (a discussion asks who its author is); for a
    /// <paramref name="viewer"/>, without its dot count while the board hides counts from them.
    /// </summary>
    Task<CardView> GetCard(string cardId, Actor? viewer);

    Task<BoardSnapshot> SetState(Actor actor, BoardState state);

    Task<CardView> Propose(Actor actor, CardDraft draft);

    Task<CardView> Edit(Actor actor, string cardId, CardEdit edit);

    /// <summary>The author withdraws their card; a facilitator hides it. Dots go back to the voters.</summary>
    Task<CardView> Remove(Actor actor, string cardId);

    /// <summary>Sets the actor's dots on a card (idempotent). Acknowledged only once durable.</summary>
    Task<DotResult> SetDots(Actor actor, string cardId, int dots);

    Task<CardView> SetInterest(Actor actor, string cardId, bool interested);

    Task<CardView> SetPresence(Actor actor, string cardId, bool present);

    /// <summary>Facilitator: place in the grid; GridConflict if the cell is taken or the convener is busy in that slot.</summary>
    Task<CardView> Schedule(Actor actor, string cardId, Placement placement);

    Task<CardView> Unschedule(Actor actor, string cardId);

    /// <summary>Facilitator: merge a duplicate into another card; dots (within caps and budgets), interest and notes move.</summary>
    Task<CardView> Merge(Actor actor, string cardId, string intoCardId);

    /// <summary>
    /// Called by the card's discussion grain after every change of its notes or photos: the card shows whether it
    /// has notes and how many photos, and watchers hear of it (the version grows even when the counts stay).
    /// </summary>
    Task<CardView> RecordDiscussion(string cardId, bool hasNotes, int photoCount);

    Task<BoardSnapshot> StartRound(Actor actor, string label, TimeSpan duration);

    Task<BoardSnapshot> StopRound(Actor actor);

    /// <summary>The board as this person may see it: with their own dots, and without dot counts when they are hidden from them.</summary>
    Task<BoardSnapshot> GetSnapshotFor(Actor actor);

    /// <summary>Facilitator: hide the dot counts from participants while voting is open, or show them.</summary>
    Task<BoardSnapshot> SetDotsHidden(Actor actor, bool hidden);

    /// <summary>Facilitator: the hidden and merged cards, newest first, so any of them can be restored.</summary>
    Task<IReadOnlyList<CardView>> GetRetiredCards(Actor actor);

    /// <summary>
    /// Facilitator: brings a hidden or merged card back as a proposed card. It comes back with no dots, interest,
    /// presence or place: the dots went back to their voters (hide) or stay on the card it was merged into (merge),
    /// so no budget is ever exceeded; voters may move them again. Restoring a proposed card is a no-op.
    /// </summary>
    Task<CardView> Restore(Actor actor, string cardId);

    /// <summary>
    /// Called by the meeting grain when a participant is removed: their dots, interest and presence leave the board,
    /// whatever its state, in one change that watchers see. Idempotent.
    /// </summary>
    Task RemoveParticipant(string participantId);

    /// <summary>Subscribes or renews; a subscription not renewed for two minutes expires.</summary>
    Task Subscribe(IBoardObserver observer);

    Task Unsubscribe(IBoardObserver observer);
}
