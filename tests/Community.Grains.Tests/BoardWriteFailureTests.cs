using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using Community.Grains.Abstractions;
using Community.Grains.Grains;
using Community.Grains.Storage;

namespace Community.Grains.Tests;

/// <summary>
/// A write that fails must fail every caller waiting on it and leave nothing of theirs behind. The failure here is
/// real: another writer appends to the board's journal, so the grain's next conditional append loses the race.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BoardWriteFailureTests(ClusterFixture fixture)
{
    private async Task TouchStoredBoardAsync(IBoardGrain board)
    {
        var container = BlobConnection.CreateServiceClient(fixture.Cluster.Azurite.ConnectionString)
            .GetBlobContainerClient(CommunityContainers.GrainState);
        var snapshot = await container.GetBlobClient(BlobGrainStorage.BlobName(BoardGrain.StateName, board.GetGrainId())).DownloadContentAsync();
        var snapshotVersion = JsonDocument.Parse(snapshot.Value.Content).RootElement.GetProperty("version").GetInt64();
        using var blankLine = new MemoryStream("\n"u8.ToArray());
        await container.GetAppendBlobClient(BoardJournal.JournalName(board.GetGrainId(), snapshotVersion)).AppendBlockAsync(blankLine);
    }

    private static async Task<bool> TrySetDotAsync(IBoardGrain board, Actor voter, string cardId)
    {
        try
        {
            await board.SetDots(voter, cardId, 1);
            return true;
        }
        catch (Exception exception) when (exception is not DomainException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Dots_answered_are_stored_and_dots_refused_by_a_failed_write_are_not()
    {
        var scenario = await Scenario.StartAsync(fixture.Grains);
        var board = await scenario.BoardAsync();
        var card = await board.Propose(Scenario.Participant(), new CardDraft(null, "Topic", null));
        var early = Scenario.Participant();
        await board.SetDots(early, card.CardId, 1);
        await TouchStoredBoardAsync(board);
        var voters = Enumerable.Range(0, 30).Select(index => Scenario.Participant($"Voter {index}")).ToList();

        // A voter whose dot failed taps again at once, which may reach the activation whose write failed.
        var outcomes = await Task.WhenAll(voters.Select(async voter =>
        {
            var first = await TrySetDotAsync(board, voter, card.CardId);
            return (First: first, Answered: first || await TrySetDotAsync(board, voter, card.CardId));
        }));

        Assert.Contains(outcomes, outcome => !outcome.First);
        var stored = await Task.WhenAll(voters.Select(voter => board.GetSnapshot(voter.ParticipantId)));
        for (var index = 0; index < voters.Count; index++)
        {
            Assert.Equal(outcomes[index].Answered ? 1 : 0, stored[index].MyDots!.Dots.GetValueOrDefault(card.CardId));
        }

        var answered = outcomes.Count(outcome => outcome.Answered);
        Assert.Equal(1 + answered, (await board.GetCard(card.CardId, null)).Dots);
        Assert.Equal(1, (await board.GetSnapshot(early.ParticipantId)).MyDots!.Dots[card.CardId]);
        Assert.Equal(2 + answered, (await board.SetDots(Scenario.Participant(), card.CardId, 1)).CardDots);
    }
}
