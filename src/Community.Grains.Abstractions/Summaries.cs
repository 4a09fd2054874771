namespace Community.Grains.Abstractions;

/// <summary>The organiser's working copy of a meeting's summary, in Markdown.</summary>
[Immutable, GenerateSerializer]
public sealed record SummaryDraft
{
    /// <summary>The most a draft may hold; a summary of a big meeting with long notes stays far below it.</summary>
    public const int MaxMarkdownLength = 200_000;

    [Id(0)] public string Markdown { get; init; } = "";
    /// <summary>Grows with every save or regeneration; 0 while nothing was ever saved.</summary>
    [Id(1)] public long Version { get; init; }
    [Id(2)] public DateTimeOffset? SavedAt { get; init; }
}

/// <summary>One published version: what a shared link shows (title and description feed the Open Graph tags).</summary>
[Immutable, GenerateSerializer]
public sealed record SummaryVersion
{
    [Id(0)] public int Version { get; init; }
    [Id(1)] public DateTimeOffset PublishedAt { get; init; }
    [Id(2)] public string PublishedBy { get; init; } = "";
    [Id(3)] public string Title { get; init; } = "";
    [Id(4)] public string Description { get; init; } = "";
}

/// <summary>A published version with its content: the Markdown as the organiser wrote it and the HTML rendered once.</summary>
[Immutable, GenerateSerializer]
public sealed record PublishedSummary
{
    [Id(0)] public SummaryVersion Info { get; init; } = new();
    [Id(1)] public string Markdown { get; init; } = "";
    [Id(2)] public string Html { get; init; } = "";
}

/// <summary>
/// A meeting's summary, keyed by meeting id: the draft (organiser only), its generation from the boards, and
/// publishing, which renders the Markdown once and stores Markdown and HTML in the summaries container as a new
/// version; earlier versions stay readable.
/// </summary>
public interface ISummaryGrain : IGrainWithStringKey
{
    Task<SummaryDraft> GetDraft(Actor actor);

    /// <summary>Organiser; Invalid (field "markdown") beyond <see cref="SummaryDraft.MaxMarkdownLength"/>.</summary>
    Task<SummaryDraft> SaveDraft(Actor actor, string markdown);

    /// <summary>Organiser: replaces the draft with one written from the meeting, its boards and their discussions.</summary>
    Task<SummaryDraft> GenerateDraft(Actor actor);

    /// <summary>Organiser: renders and stores the draft as the next version; Invalid (field "markdown") if the draft is empty.</summary>
    Task<SummaryVersion> Publish(Actor actor);

    /// <summary>The given version, or the latest when null; null if there is no such version.</summary>
    Task<PublishedSummary?> GetPublished(int? version);

    /// <summary>Every published version, oldest first.</summary>
    Task<IReadOnlyList<SummaryVersion>> ListVersions();
}
