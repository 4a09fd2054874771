using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Grains.Summaries;

[GenerateSerializer]
internal sealed record SummaryState
{
    [Id(0)] public string Draft { get; init; } = "";
    [Id(1)] public long DraftVersion { get; init; }
    [Id(2)] public DateTimeOffset? DraftSavedAt { get; init; }
    [Id(3)] public IReadOnlyList<PublishedVersionState> Published { get; init; } = [];
}

[GenerateSerializer]
internal sealed record PublishedVersionState
{
    [Id(0)] public int Version { get; init; }
    [Id(1)] public DateTimeOffset PublishedAt { get; init; }
    [Id(2)] public string PublishedBy { get; init; } = "";
    [Id(3)] public string Title { get; init; } = "";
    [Id(4)] public string Description { get; init; } = "";

    public SummaryVersion ToView() => new()
    {
        Version = Version,
        PublishedAt = PublishedAt,
        PublishedBy = PublishedBy,
        Title = Title,
        Description = Description,
    };
}

/// <summary>
/// The summary of one meeting (keyed by meeting id). The draft and the list of versions are grain state; the
/// published Markdown and HTML are blobs, written before the state that points at them, so a version that is
/// listed always exists. The latest published version is cached, because a shared link may be opened by many.
/// </summary>
internal sealed class SummaryGrain(
    [PersistentState(SummaryGrain.StateName)] IPersistentState<SummaryState> state,
    SummaryStore store) : Grain, ISummaryGrain
{
    public const string StateName = "summary";

    private PublishedSummary? _latest;

    private string MeetingId => this.GetPrimaryKeyString();

    public Task<SummaryDraft> GetDraft(Actor actor)
    {
        RequireOrganiser(actor);
        return Task.FromResult(DraftView());
    }

    public async Task<SummaryDraft> SaveDraft(Actor actor, string markdown)
    {
        RequireOrganiser(actor);
        if (markdown.Length > SummaryDraft.MaxMarkdownLength)
        {
            throw new DomainException(DomainError.Invalid, $"A summary holds at most {SummaryDraft.MaxMarkdownLength:N0} characters; this one has {markdown.Length:N0}.", "markdown");
        }

        if (MarkdownLimits.Refusal(markdown) is { } refusal)
        {
            throw new DomainException(DomainError.Invalid, refusal, "markdown");
        }

        return await StoreDraft(markdown);
    }

    public async Task<SummaryDraft> GenerateDraft(Actor actor)
    {
        RequireOrganiser(actor);
        var meeting = await GrainFactory.GetGrain<IMeetingGrain>(MeetingId).Get();
        var boards = await Task.WhenAll(meeting.Boards.Select(board => GatherBoard(board.BoardId)));
        var markdown = SummaryDraftWriter.Write(meeting, boards);
        // Generated text cannot be refused for its size: the organiser must be able to shorten it.
        return await StoreDraft(markdown);
    }

    public async Task<SummaryVersion> Publish(Actor actor)
    {
        RequireOrganiser(actor);
        var markdown = state.State.Draft;
        if (string.IsNullOrWhiteSpace(markdown))
        {
            throw new DomainException(DomainError.Invalid, "The draft is empty: generate or write one before publishing.", "markdown");
        }

        var fallbackTitle = (await GrainFactory.GetGrain<IMeetingGrain>(MeetingId).Get()).Details.Title;
        // Saved drafts are within MarkdownLimits and generated ones hold only notes within them (or escaped), so this
        // refuses only a draft saved before the limits existed: the organiser edits or regenerates it.
        if (!MarkdownRenderer.TryToHtml(markdown, out var html))
        {
            throw new DomainException(DomainError.Invalid,
                "The draft cannot be rendered: it is nested too deeply or holds too much markup in one paragraph. Generate it again or edit it.", "markdown");
        }

        var (title, description) = MarkdownText.Outline(markdown, fallbackTitle);
        var version = new PublishedVersionState
        {
            Version = state.State.Published.Count + 1,
            PublishedAt = DateTimeOffset.UtcNow,
            PublishedBy = actor.DisplayName,
            Title = title,
            Description = description,
        };

        await store.SaveVersionAsync(MeetingId, version.Version, markdown, html);
        state.State = state.State with { Published = [.. state.State.Published, version] };
        await state.WriteStateAsync();
        await store.SaveLatestAsync(MeetingId, markdown, html);
        _latest = new PublishedSummary { Info = version.ToView(), Markdown = markdown, Html = html };
        return _latest.Info;
    }

    public async Task<PublishedSummary?> GetPublished(int? version)
    {
        var published = state.State.Published;
        var wanted = version ?? published.Count;
        if (wanted < 1 || wanted > published.Count)
        {
            return null;
        }

        if (_latest?.Info.Version == wanted)
        {
            return _latest;
        }

        var content = await store.ReadVersionAsync(MeetingId, wanted);
        if (content is not { } found)
        {
            return null;
        }

        var summary = new PublishedSummary { Info = published[wanted - 1].ToView(), Markdown = found.Markdown, Html = found.Html };
        if (wanted == published.Count)
        {
            _latest = summary;
        }

        return summary;
    }

    public Task<IReadOnlyList<SummaryVersion>> ListVersions() =>
        Task.FromResult<IReadOnlyList<SummaryVersion>>([.. state.State.Published.Select(version => version.ToView())]);

    private async Task<BoardMaterial> GatherBoard(string boardId)
    {
        var board = await GrainFactory.GetGrain<IBoardGrain>(Keys.Board(MeetingId, boardId)).GetSnapshot(null);
        var discussions = await Task.WhenAll(board.Cards.Select(async card =>
            (card.CardId, Discussion: await GrainFactory.GetGrain<ICardDiscussionGrain>(Keys.Card(MeetingId, boardId, card.CardId)).Get())));
        return new BoardMaterial(board, discussions.ToDictionary(pair => pair.CardId, pair => pair.Discussion));
    }

    private async Task<SummaryDraft> StoreDraft(string markdown)
    {
        state.State = state.State with
        {
            Draft = markdown,
            DraftVersion = state.State.DraftVersion + 1,
            DraftSavedAt = DateTimeOffset.UtcNow,
        };
        await state.WriteStateAsync();
        return DraftView();
    }

    private SummaryDraft DraftView() => new()
    {
        Markdown = state.State.Draft,
        Version = state.State.DraftVersion,
        SavedAt = state.State.DraftSavedAt,
    };

    private static void RequireOrganiser(Actor actor)
    {
        if (!actor.IsAtLeast(Role.Organiser))
        {
            throw new DomainException(DomainError.Forbidden, "Only the meeting's organiser may work on its summary.");
        }
    }
}
