using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Community.Grains.Storage;
using Community.Testing;

namespace Community.Web.Tests;

/// <summary>
/// A board blob damaged outside the product: requests say which blob needs an operator, never a bare 500, and the
/// operator puts the kept copy back.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CorruptStateTests(WebFixture fixture)
{
    [Fact]
    public async Task A_board_whose_blob_is_not_json_is_answered_503_naming_the_blob_until_its_kept_copy_is_restored()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var card = await session.ProposeAsync(session.Ana, "Teaching AI literacy");
        var container = new BlobServiceClient(fixture.Cluster.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.GrainStateContainer);
        var blob = container.GetBlobClient($"board/{session.Meeting.MeetingId}/{session.Board.BoardId}/board.json");
        // The blob is the board's snapshot (the card itself is in the journal after it); its copy is kept.
        await KeptCopyHoldsAsync(container.GetBlobClient(GrainStateBackups.BackupName(blob.Name)), session.Board.Title);
        await blob.UploadAsync(BinaryData.FromString("{ not json"), overwrite: true);

        // The running board only appends to its journal; once the silo restarts, loading finds the snapshot unreadable.
        await fixture.Cluster.RestartAsync();
        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add(await session.Ana.PutAsJsonAsync($"{session.CardUrl(card.CardId)}/dots", new { dots = 1 }, CommunityWebApp.Json));
        }

        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }

        var last = JsonNode.Parse(await answers[^1].Content.ReadAsStringAsync())!;
        Assert.Equal("/problems/state-corrupt", (string?)last["type"]);
        Assert.Equal(blob.Name, (string?)last["blob"]);
        Assert.NotNull(answers[^1].Headers.RetryAfter?.Delta);
        Assert.Equal("{ not json", (await blob.DownloadContentAsync()).Value.Content.ToString());

        Assert.NotNull(await GrainStateBackups.RestoreAsync(container, blob.Name));
        var dots = await session.SetDotsAsync(session.Ana, card.CardId, 1);
        Assert.Equal(1, dots.Dots);
        // The restored snapshot plus its journal: the card proposed after the snapshot is back too.
        Assert.Equal(card.Title, Assert.Single((await session.SnapshotAsync(session.Ana)).Cards).Title);
    }

    /// <summary>The copy is kept after the write is acknowledged, so it may lag the answer by a moment.</summary>
    private static async Task KeptCopyHoldsAsync(BlobClient copy, string text)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await copy.ExistsAsync() && (await copy.DownloadContentAsync()).Value.Content.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{copy.Name} never held '{text}'.");
    }
}
