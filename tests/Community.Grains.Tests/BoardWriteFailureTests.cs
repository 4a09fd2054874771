using Community.Grains.Abstractions;
using Community.Grains.Grains;
using Community.Grains.Storage;

namespace Community.Grains.Tests;

/// <summary>
/// A write that fails must fail every caller waiting on it and leave nothing of theirs behind. The failure here is
/// real: another writer touches the board's blob, so the grain's next conditional write loses the race.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BoardWriteFailureTests(ClusterFixture fixture)
{
    private async Task TouchStoredBoardAsync(IBoardGrain board)
    {
        var blob = BlobConnection.CreateServiceClient(fixture.Cluster.Azurite.ConnectionString)
            .GetBlobContainerClient(CommunityContainers.GrainState)
            .GetBlobClient(BlobGrainStorage.BlobName(BoardGrain.StateName, board.GetGrainId()));
        var stored = await blob.DownloadContentAsync();
        await blob.UploadAsync(stored.Value.Content, overwrite: true);
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

        var outcomes = await Task.WhenAll(voters.Select(async voter =>
        {
            try
            {
                await board.SetDots(voter, card.CardId, 1);
                return true;
            }
            catch (Exception exception) when (exception is not DomainException)
            {
                return false;
            }
        }));

        Assert.Contains(false, outcomes);
        var stored = await Task.WhenAll(voters.Select(voter => board.GetSnapshot(voter.ParticipantId)));
        for (var index = 0; index < voters.Count; index++)
        {
            Assert.Equal(outcomes[index] ? 1 : 0, stored[index].MyDots!.Dots.GetValueOrDefault(card.CardId));
        }

        Assert.Equal(1 + outcomes.Count(answered => answered), (await board.GetCard(card.CardId)).Dots);
        Assert.Equal(1, (await board.GetSnapshot(early.ParticipantId)).MyDots!.Dots[card.CardId]);
        var retried = await board.SetDots(voters[Array.IndexOf(outcomes, false)], card.CardId, 1);
        Assert.Equal(2 + outcomes.Count(answered => answered), retried.CardDots);
    }
}
