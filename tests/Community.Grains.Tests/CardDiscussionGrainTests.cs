using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CardDiscussionGrainTests(ClusterFixture fixture)
{
    private static PhotoRef Photo(string name) => new(name, "image/jpeg", "whoever", DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_author_and_a_facilitator_write_notes_and_the_version_grows()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "AI in the classroom", null));
        var discussion = scenario.Discussion(await board.GetSnapshot(null), card.CardId);

        var byAuthor = await discussion.SetNotes(author, "# Ideas\n\n- prompts");
        var byFacilitator = await discussion.SetNotes(scenario.Facilitator, "# Ideas\n\n- prompts\n- ethics");

        Assert.True(byFacilitator.Version > byAuthor.Version);
        Assert.Equal("# Ideas\n\n- prompts\n- ethics", (await discussion.Get()).Notes);
    }

    [Fact]
    public async Task Notes_from_someone_else_too_long_or_on_a_removed_card_are_refused_and_change_nothing()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "Topic", null));
        var removed = await board.Propose(author, new CardDraft(null, "Gone", null));
        await board.Remove(author, removed.CardId);
        var snapshot = await board.GetSnapshot(null);
        var discussion = scenario.Discussion(snapshot, card.CardId);
        await discussion.SetNotes(author, "kept");

        await Refused(DomainError.Forbidden, () => discussion.SetNotes(Scenario.Participant(), "mine"));
        await Refused(DomainError.Invalid, () => discussion.SetNotes(author, new string('n', 20_001)), "markdown");
        await Refused(DomainError.Invalid, () => discussion.SetNotes(author, new string('>', 19_000)), "markdown");
        await Refused(DomainError.Invalid, () => discussion.SetNotes(author, string.Concat(Enumerable.Repeat("[x](", 5_000))), "markdown");
        await Refused(DomainError.CardNotActive, () => scenario.Discussion(snapshot, removed.CardId).SetNotes(author, "late"));
        await Refused(DomainError.NotFound, () => scenario.Discussion(snapshot, "no-such-card").SetNotes(author, "lost"), "cardId");

        Assert.Equal("kept", (await discussion.Get()).Notes);
    }

    [Fact]
    public async Task Any_participant_adds_photos_recorded_as_theirs()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Topic", null));
        var discussion = scenario.Discussion(await board.GetSnapshot(null), card.CardId);
        var photographer = Scenario.Participant();

        var withPhoto = await discussion.AddPhoto(photographer, Photo("flipchart-1.jpg"));

        var photo = Assert.Single(withPhoto.Photos);
        Assert.Equal("flipchart-1.jpg", photo.MediaName);
        Assert.Equal(photographer.ParticipantId, photo.AddedBy);
        await Refused(DomainError.Invalid, () => discussion.AddPhoto(photographer, Photo("x.html") with { ContentType = "text/html" }), "contentType");
        await Refused(DomainError.Invalid, () => discussion.AddPhoto(photographer, Photo(" ")), "mediaName");
        Assert.Single((await discussion.Get()).Photos);
    }

    [Fact]
    public async Task A_merge_appends_the_duplicates_notes_under_its_title_and_its_photos()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var author = Scenario.Participant();
        var duplicate = await board.Propose(author, new CardDraft(null, "AI at school", null));
        var survivor = await board.Propose(author, new CardDraft(null, "AI in the classroom", null));
        var snapshot = await board.GetSnapshot(null);
        await scenario.Discussion(snapshot, survivor.CardId).SetNotes(author, "Survivor notes");
        await scenario.Discussion(snapshot, duplicate.CardId).SetNotes(author, "Duplicate notes");
        await scenario.Discussion(snapshot, duplicate.CardId).AddPhoto(author, Photo("wall.jpg"));

        await board.Merge(scenario.Facilitator, duplicate.CardId, survivor.CardId);

        var merged = await scenario.Discussion(snapshot, survivor.CardId).Get();
        Assert.Equal("Survivor notes\n\n## AI at school\n\nDuplicate notes", merged.Notes);
        Assert.Equal(["wall.jpg"], merged.Photos.Select(photo => photo.MediaName));
        var shown = Assert.Single((await board.GetSnapshot(null)).Cards);
        Assert.True(shown.HasNotes);
        Assert.Equal(1, shown.PhotoCount);
    }

    [Fact]
    public async Task The_board_shows_notes_and_photo_counts_and_every_notes_edit_raises_its_version()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var author = Scenario.Participant();
        var card = await board.Propose(author, new CardDraft(null, "Robots", null));
        var discussion = scenario.Discussion(await board.GetSnapshot(null), card.CardId);
        Assert.False((await board.GetCard(card.CardId, null)).HasNotes);

        await discussion.SetNotes(author, "First");
        var afterNotes = await board.GetSnapshot(null);
        await discussion.SetNotes(author, "Second");
        await discussion.AddPhoto(author, Photo("a.jpg"));
        await discussion.AddPhoto(author, Photo("b.jpg"));
        var afterPhotos = await board.GetSnapshot(null);
        await discussion.SetNotes(author, "   ");

        Assert.True(Assert.Single(afterNotes.Cards).HasNotes);
        Assert.Equal(afterNotes.Version + 3, afterPhotos.Version);
        Assert.Equal(2, Assert.Single(afterPhotos.Cards).PhotoCount);
        var cleared = await board.GetCard(card.CardId, null);
        Assert.False(cleared.HasNotes);
        Assert.Equal(2, cleared.PhotoCount);
        await Refused(DomainError.Invalid, () => board.RecordDiscussion(card.CardId, true, -1), "photoCount");
        await Refused(DomainError.NotFound, () => board.RecordDiscussion("no-such-card", true, 0), "cardId");
    }
}
