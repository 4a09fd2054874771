using Community.Grains.Abstractions;
using Community.Web.Live;

namespace Community.Web.Tests.Live;

/// <summary>Several batches from the board in one coalescing window go out as one message that a client can apply.</summary>
public sealed class ChangeBatchTests
{
    private static readonly CardView Known = new() { CardId = "known", Title = "Known topic", Description = "Already shown", Dots = 2 };
    private static readonly CardView Fresh = new() { CardId = "fresh", Title = "New topic", Description = "Not yet shown" };

    [Fact]
    public void A_topic_new_in_one_batch_and_dotted_in_the_next_goes_out_whole_with_its_dots()
    {
        var batch = new ChangeBatch("board");
        batch.Add(new BoardChanges { FromVersion = 4, ToVersion = 5, Cards = [Fresh] });
        batch.Add(new BoardChanges { FromVersion = 5, ToVersion = 6, Patches = [new CardPatch { CardId = "fresh", Dots = 3 }] });

        var changes = Assert.IsType<BoardChangesMessage>(batch.ToMessage(watchers: 1, maxCards: 100).Message);

        Assert.Equal(Fresh with { Dots = 3 }, Assert.Single(changes.Cards));
        Assert.Empty(changes.Patches);
        Assert.Equal((4, 6), (changes.FromVersion, changes.ToVersion));
    }

    [Fact]
    public void Patches_of_a_known_card_fold_into_one_patch_with_the_latest_values()
    {
        var placed = new Placement("slot-1", "room-1");
        var batch = new ChangeBatch("board");
        batch.Add(new BoardChanges { FromVersion = 4, ToVersion = 5, Patches = [new CardPatch { CardId = "known", Dots = 3, Status = CardStatus.Scheduled, Placement = placed }] });
        batch.Add(new BoardChanges { FromVersion = 5, ToVersion = 6, Patches = [new CardPatch { CardId = "known", Dots = 4, Interested = 1 }] });
        batch.Add(new BoardChanges { FromVersion = 6, ToVersion = 7, Patches = [new CardPatch { CardId = "known", Status = CardStatus.Proposed }] });

        var changes = Assert.IsType<BoardChangesMessage>(batch.ToMessage(watchers: 1, maxCards: 100).Message);

        var patch = Assert.Single(changes.Patches);
        Assert.Equal(new CardPatch { CardId = "known", Dots = 4, Interested = 1, Status = CardStatus.Proposed }, patch);
        Assert.Equal(Known with { Dots = 4, Interested = 1 }, patch.ApplyTo(Known with { Status = CardStatus.Scheduled, Placement = placed }));
        Assert.Empty(changes.Cards);
    }

    [Fact]
    public void Cards_whose_only_change_is_their_dots_go_out_as_counts_and_the_others_as_patches()
    {
        var batch = new ChangeBatch("board");
        batch.Add(new BoardChanges { FromVersion = 4, ToVersion = 5, Patches = [new CardPatch { CardId = "known", Dots = 3 }, new CardPatch { CardId = "other", Dots = 1 }] });
        batch.Add(new BoardChanges { FromVersion = 5, ToVersion = 6, Patches = [new CardPatch { CardId = "other", Interested = 2 }] });

        var changes = Assert.IsType<BoardChangesMessage>(batch.ToMessage(watchers: 1, maxCards: 100).Message);

        Assert.Equal(new Dictionary<string, int> { ["known"] = 3 }, changes.Dots);
        Assert.Equal(new CardPatch { CardId = "other", Dots = 1, Interested = 2 }, Assert.Single(changes.Patches));
        Assert.Equal(["other", "known"], changes.AllPatches().Select(patch => patch.CardId));
    }

    [Fact]
    public void An_edited_card_is_whole_and_a_dotted_one_is_a_patch()
    {
        Assert.Null(CardPatch.Between(Known, Known with { Title = "Renamed", Dots = 3 }));
        Assert.Equal(new CardPatch { CardId = "known", Dots = 3 }, CardPatch.Between(Known, Known with { Dots = 3 }));
    }
}
