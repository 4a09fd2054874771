using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>
/// Notes and photos of one card, apart from the board so a dot never rewrites them. The board stays the authority
/// on the card itself: who wrote it and whether it is still on the board.
/// </summary>
internal sealed class CardDiscussionGrain(
    [PersistentState(CardDiscussionGrain.StateName)] IPersistentState<CardDiscussion> discussion) : Grain, ICardDiscussionGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "discussion";

    public const int MaxNotes = 20_000;
    private const int MaxPhotos = 100;

    public Task<CardDiscussion> Get() => Task.FromResult(discussion.State);

    public async Task<CardDiscussion> SetNotes(Actor actor, string markdown)
    {
        if (markdown is null || markdown.Length > MaxNotes)
        {
            throw Rules.Invalid("markdown", $"Notes are Markdown of at most {MaxNotes} characters.");
        }

        if (MarkdownLimits.Refusal(markdown) is { } refusal)
        {
            throw Rules.Invalid("markdown", refusal);
        }

        var card = await ActiveCard();
        Rules.Require(actor.ParticipantId == card.AuthorId || actor.IsAtLeast(Role.Facilitator), DomainError.Forbidden,
            "Only the card's author or a facilitator may write its notes.");
        if (markdown == discussion.State.Notes)
        {
            return discussion.State;
        }

        await Save(discussion.State with { Notes = markdown });
        return discussion.State;
    }

    public async Task<CardDiscussion> AddPhoto(Actor actor, PhotoRef photo)
    {
        var mediaName = Rules.Text(photo.MediaName, "mediaName", 1, 200);
        var thumbnail = photo.ThumbnailMediaName is null ? null : Rules.Text(photo.ThumbnailMediaName, "thumbnailMediaName", 1, 200);
        Rules.Require(photo.Width is null or > 0 && photo.Height is null or > 0, DomainError.Invalid, "A photo's size is positive.", "width");
        Rules.Require(photo.ContentType?.StartsWith("image/", StringComparison.Ordinal) == true, DomainError.Invalid,
            "A photo's content type is an image type.", "contentType");
        await ActiveCard();
        Rules.Require(discussion.State.Photos.Count < MaxPhotos, DomainError.Conflict, $"A discussion holds at most {MaxPhotos} photos.");
        // Whoever the caller says added it, the actor did.
        var added = photo with { MediaName = mediaName, ThumbnailMediaName = thumbnail, AddedBy = actor.ParticipantId };
        await Save(discussion.State with { Photos = [.. discussion.State.Photos, added] });
        return discussion.State;
    }

    /// <summary>
    /// The merged card's notes follow under a heading with its title, so what both groups wrote survives. The result
    /// may exceed the notes limit; editing it then means shortening it.
    /// </summary>
    public async Task<CardDiscussion> Absorb(string fromCardTitle, CardDiscussion merged)
    {
        if (merged.Notes.Length == 0 && merged.Photos.Count == 0)
        {
            return discussion.State;
        }

        var notes = merged.Notes.Length == 0
            ? discussion.State.Notes
            : $"{discussion.State.Notes.TrimEnd()}\n\n## {fromCardTitle}\n\n{merged.Notes}".TrimStart();
        await Save(discussion.State with { Notes = notes, Photos = [.. discussion.State.Photos, .. merged.Photos] });
        return discussion.State;
    }

    /// <summary>Stores the discussion, then tells the board, so the card shows its notes and photos.</summary>
    private async Task Save(CardDiscussion next)
    {
        await discussion.Store(next with { Version = discussion.State.Version + 1 });
        var stored = discussion.State;
        await Board().RecordDiscussion(CardId, !string.IsNullOrWhiteSpace(stored.Notes), stored.Photos.Count);
    }

    private string CardId => Keys.Parts(this.GetPrimaryKeyString())[2];

    private IBoardGrain Board()
    {
        var parts = Keys.Parts(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IBoardGrain>(Keys.Board(parts[0], parts[1]));
    }

    private async Task<CardView> ActiveCard()
    {
        var card = await Board().GetCard(CardId, null);
        Rules.Require(card.Status is CardStatus.Proposed or CardStatus.Scheduled, DomainError.CardNotActive,
            $"Card {card.CardId} is {card.Status}.", "cardId");
        return card;
    }
}
