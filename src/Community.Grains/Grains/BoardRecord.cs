using System.Collections.Immutable;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>
/// What a board stores: only what a dot touches (notes and photos live in the card discussion grains).
/// Immutable collections, so a change is a cheap new record and the last stored record can be kept for readers.
/// </summary>
[GenerateSerializer]
internal sealed record BoardRecord
{
    [Id(0)] public bool Initialized { get; init; }
    [Id(1)] public BoardDefinition Definition { get; init; } = new();
    [Id(2)] public BoardState State { get; init; }
    [Id(3)] public RoundTimer? Round { get; init; }
    [Id(4)] public long Version { get; init; }
    [Id(5)] public ImmutableDictionary<string, StoredCard> Cards { get; init; } = ImmutableDictionary<string, StoredCard>.Empty;

    /// <summary>Participant id → card id → that participant's dots on the card (no zero entries).</summary>
    [Id(6)] public ImmutableDictionary<string, ImmutableDictionary<string, int>> Dots { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, int>>.Empty;

    public ImmutableDictionary<string, int> DotsOf(string participantId) =>
        Dots.GetValueOrDefault(participantId) ?? ImmutableDictionary<string, int>.Empty;

    public BoardRecord WithDotsOf(string participantId, ImmutableDictionary<string, int> dots) =>
        this with { Dots = dots.IsEmpty ? Dots.Remove(participantId) : Dots.SetItem(participantId, dots) };

    public BoardRecord WithCard(StoredCard card) => this with { Cards = Cards.SetItem(card.CardId, card) };
}

/// <summary>A card on the board. <see cref="Dots"/> is kept equal to the sum of its voters' dots.</summary>
[GenerateSerializer]
internal sealed record StoredCard
{
    [Id(0)] public string CardId { get; init; } = "";
    [Id(1)] public string Lane { get; init; } = "";
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public string AuthorId { get; init; } = "";
    [Id(5)] public string AuthorName { get; init; } = "";
    [Id(6)] public int Dots { get; init; }
    [Id(7)] public ImmutableHashSet<string> Interested { get; init; } = ImmutableHashSet<string>.Empty;
    [Id(8)] public ImmutableHashSet<string> Present { get; init; } = ImmutableHashSet<string>.Empty;
    [Id(9)] public CardStatus Status { get; init; }
    [Id(10)] public Placement? Placement { get; init; }
    [Id(11)] public string? MergedInto { get; init; }
    [Id(12)] public IReadOnlyList<string> LinkedBoards { get; init; } = [];
    [Id(13)] public DateTimeOffset CreatedAt { get; init; }
    [Id(14)] public bool HasNotes { get; init; }
    [Id(15)] public int PhotoCount { get; init; }

    /// <summary>Still on the board: proposed or scheduled.</summary>
    public bool IsActive => Status is CardStatus.Proposed or CardStatus.Scheduled;

    /// <summary>The card leaves the board: its dots, interest, presence and grid cell are released.</summary>
    public StoredCard Retired(CardStatus status, string? mergedInto = null) => this with
    {
        Status = status,
        MergedInto = mergedInto,
        Dots = 0,
        Interested = [],
        Present = [],
        Placement = null,
    };

    public CardView ToView() => new()
    {
        CardId = CardId,
        Lane = Lane,
        Title = Title,
        Description = Description,
        AuthorId = AuthorId,
        AuthorName = AuthorName,
        Dots = Dots,
        Interested = Interested.Count,
        Present = Present.Count,
        Status = Status,
        Placement = Placement,
        MergedInto = MergedInto,
        LinkedBoards = LinkedBoards,
        CreatedAt = CreatedAt,
        HasNotes = HasNotes,
        PhotoCount = PhotoCount,
    };
}
