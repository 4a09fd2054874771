namespace Community.Grains.Abstractions;

/// <summary>
/// A flip-chart photo stored in the media container under generated names, both served at /media/{name}:
/// <see cref="MediaName"/> is the display size (longest side about 1600 px), <see cref="ThumbnailMediaName"/> the
/// thumbnail (about 400 px) that boards and phones show. Photos stored before thumbnails existed have a null
/// thumbnail and no size; their <see cref="MediaName"/> is the stripped original.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record PhotoRef(
    [property: Id(0)] string MediaName,
    [property: Id(1)] string ContentType,
    [property: Id(2)] string AddedBy,
    [property: Id(3)] DateTimeOffset AddedAt,
    [property: Id(4)] string? ThumbnailMediaName = null,
    [property: Id(5)] int? Width = null,
    [property: Id(6)] int? Height = null);

/// <summary>What was said and drawn in one topic's discussion.</summary>
[Immutable, GenerateSerializer]
public sealed record CardDiscussion
{
    [Id(0)] public string Notes { get; init; } = "";
    [Id(1)] public IReadOnlyList<PhotoRef> Photos { get; init; } = [];
    [Id(2)] public long Version { get; init; }
}

/// <summary>
/// Notes and photos of one card, keyed by <see cref="Keys.Card"/>. Kept apart from the board so a dot never
/// rewrites 20,000 characters of notes.
/// </summary>
public interface ICardDiscussionGrain : IGrainWithStringKey
{
    Task<CardDiscussion> Get();

    /// <summary>The card's author or a facilitator; notes are Markdown up to 20,000 characters.</summary>
    Task<CardDiscussion> SetNotes(Actor actor, string markdown);

    Task<CardDiscussion> AddPhoto(Actor actor, PhotoRef photo);

    /// <summary>Called by the board on a merge: the merged card's notes and photos are appended here.</summary>
    Task<CardDiscussion> Absorb(string fromCardTitle, CardDiscussion merged);
}
