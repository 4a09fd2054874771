using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Community.Grains.Abstractions;
using Community.Grains.Storage;
using Orleans.Storage;

namespace Community.Grains.Tests;

/// <summary>A cluster of its own whose boards take a snapshot every few batches, so tests reach one quickly.</summary>
public sealed class JournalClusterFixture : ClusterFixture
{
    public const int SnapshotEveryBatches = 4;

    public BlobContainerClient Blobs => new BlobServiceClient(Cluster.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.GrainStateContainer);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BoardJournal:SnapshotEveryBatches"] = SnapshotEveryBatches.ToString(),
    };
}

public sealed class BoardJournalTests(JournalClusterFixture fixture) : IClassFixture<JournalClusterFixture>
{
    private static readonly BoardDefinition Definition = Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 2 };

    private IGrainFactory Grains => fixture.Cluster.Grains;

    /// <summary>The version of the board's stored snapshot (its whole-record blob).</summary>
    private async Task<long> SnapshotVersionAsync(Scenario scenario)
    {
        var snapshot = await fixture.Blobs.GetBlobsAsync().Where(blob => blob.Name.Contains(scenario.MeetingId) && blob.Name.EndsWith("/board.json")).SingleAsync();
        var content = (await fixture.Blobs.GetBlobClient(snapshot.Name).DownloadContentAsync()).Value.Content;
        return JsonDocument.Parse(content).RootElement.GetProperty("version").GetInt64();
    }

    private async Task<(Scenario Scenario, IBoardGrain Board, List<CardView> Cards, List<Actor> People)> BoardAsync(int people)
    {
        var scenario = await Scenario.StartAsync(Grains);
        var board = await scenario.BoardAsync(Definition);
        var cards = new List<CardView>();
        foreach (var title in new[] { "AI in the classroom", "Supporting girls in tech", "Unplugged coding" })
        {
            cards.Add(await board.Propose(scenario.Facilitator, new CardDraft(null, title, null)));
        }

        return (scenario, board, cards, [.. Enumerable.Range(0, people).Select(index => Scenario.Participant($"Voter {index}"))]);
    }

    private async Task AssertSurvivesCrashAsync(IBoardGrain board, IReadOnlyList<Actor> people)
    {
        var before = await Task.WhenAll(people.Select(person => board.GetSnapshot(person.ParticipantId)));
        await fixture.Cluster.CrashAsync();
        var after = await Task.WhenAll(people.Select(person => board.GetSnapshot(person.ParticipantId)));
        Assert.Equal(Scenario.Json(before), Scenario.Json(after));
        await BoardInvariants.AssertHoldAsync(board, people);
    }

    [Fact]
    public async Task A_crash_between_snapshot_and_journal_or_inside_the_journal_comes_back_to_exactly_the_acknowledged_board()
    {
        var (scenario, board, cards, people) = await BoardAsync(12);

        // One awaited dot at a time (one batch each) until the last batch was stored as a snapshot with no journal after it.
        var voter = 0;
        while (await SnapshotVersionAsync(scenario) != (await board.GetSnapshot(null)).Version)
        {
            await board.SetDots(people[voter++], cards[0].CardId, 1);
        }

        Assert.True(voter > 0, "The board's own creation was the last snapshot: no batch went through the journal.");
        await AssertSurvivesCrashAsync(board, people);

        // Now a burst that ends inside a journal: fewer batches than a snapshot takes, all of them appended.
        await Task.WhenAll(people.Skip(voter).Take(JournalClusterFixture.SnapshotEveryBatches - 1).Select(person => board.SetDots(person, cards[1].CardId, 2)));
        var snapshotVersion = await SnapshotVersionAsync(scenario);
        Assert.True((await board.GetSnapshot(null)).Version > snapshotVersion, "The last batches should be in the journal, not in the snapshot.");
        await AssertSurvivesCrashAsync(board, people);

        // Budgets still hold after the replay: a full budget refuses one more dot; a change goes on from the replayed version.
        var full = people[voter];
        await board.SetDots(full, cards[2].CardId, 1);
        var refused = await Assert.ThrowsAsync<DomainException>(() => board.SetDots(full, cards[0].CardId, 1));
        Assert.Equal(DomainError.OverBudget, refused.Error);
        await AssertSurvivesCrashAsync(board, people);
    }

    [Fact]
    public async Task A_foreign_append_is_refused_and_a_torn_or_duplicate_entry_is_ignored_on_replay()
    {
        var (scenario, board, cards, people) = await BoardAsync(3);
        await board.SetDots(people[0], cards[0].CardId, 2);
        var snapshotVersion = await SnapshotVersionAsync(scenario);
        Assert.True((await board.GetSnapshot(null)).Version > snapshotVersion, "The dot should be in the journal.");
        var before = await board.GetSnapshot(people[0].ParticipantId);

        // Another writer appends behind the board's back: a copy of the last entry and half of a line.
        var journal = fixture.Blobs.GetAppendBlobClient(BoardJournal.JournalName(board.GetGrainId(), snapshotVersion));
        var lines = (await journal.DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(before.Version, last.GetProperty("toVersion").GetInt64());
        using (var foreign = new MemoryStream(Encoding.UTF8.GetBytes($"\n{lines[^1]}\n\n{{\"fromVersion\":{before.Version},\"toVers")))
        {
            await journal.AppendBlockAsync(foreign);
        }

        // The board's next append finds the journal moved on and is refused, not acknowledged.
        await Assert.ThrowsAsync<InconsistentStateException>(() => board.SetDots(people[1], cards[1].CardId, 1));

        // The next activation replays past the duplicate and the torn line to the acknowledged board, and writes on.
        Assert.Equal(Scenario.Json(before), Scenario.Json(await board.GetSnapshot(people[0].ParticipantId)));
        var dot = await board.SetDots(people[1], cards[1].CardId, 1);
        Assert.Equal(new DotResult(cards[1].CardId, 1, 2, 1), dot);
        await AssertSurvivesCrashAsync(board, people);
        Assert.Equal(before.Version + 1, (await board.GetSnapshot(null)).Version);
    }

    [Fact]
    public async Task Journals_two_snapshots_old_are_emptied_and_the_board_and_its_restored_backup_still_come_back_whole()
    {
        var (scenario, board, cards, people) = await BoardAsync(12);
        foreach (var (person, index) in people.Select((person, index) => (person, index)))
        {
            await board.SetDots(person, cards[index % cards.Count].CardId, 1);
        }

        // 15 batches, a snapshot every 4: at least three journals, of which only the newest two are still needed.
        var journals = await JournalsAsync(scenario);
        Assert.True(journals.Count >= 3, $"Expected three journals or more, found {journals.Count}.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (journals[..^2].Any(journal => journal.Properties.BlobType != BlobType.Block) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            journals = await JournalsAsync(scenario);
        }

        Assert.All(journals[..^2], journal => Assert.Equal((BlobType.Block, 0L), (journal.Properties.BlobType!.Value, journal.Properties.ContentLength!.Value)));
        Assert.All(journals[^2..], journal => Assert.Equal(BlobType.Append, journal.Properties.BlobType));

        // An activation still holding an old snapshot can neither create its journal afresh nor append to it.
        var emptied = fixture.Blobs.GetAppendBlobClient(journals[0].Name);
        var create = await Assert.ThrowsAsync<RequestFailedException>(() => emptied.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.Equal(409, create.Status);
        using var line = new MemoryStream("\n{}\n"u8.ToArray());
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => emptied.AppendBlockAsync(line))).Status);

        await AssertSurvivesCrashAsync(board, people);

        // The operator's way back from a damaged snapshot still leads to the acknowledged board.
        var before = await Task.WhenAll(people.Select(person => board.GetSnapshot(person.ParticipantId)));
        var snapshotBlob = await fixture.Blobs.GetBlobsAsync().Where(blob => blob.Name.Contains(scenario.MeetingId) && blob.Name.EndsWith("/board.json")).SingleAsync();
        Assert.NotNull(await GrainStateBackups.RestoreAsync(fixture.Blobs, snapshotBlob.Name));
        await fixture.Cluster.CrashAsync();
        Assert.Equal(Scenario.Json(before), Scenario.Json(await Task.WhenAll(people.Select(person => board.GetSnapshot(person.ParticipantId)))));
    }

    /// <summary>The board's journals, oldest first, with their blob type and length.</summary>
    private async Task<List<BlobItem>> JournalsAsync(Scenario scenario) =>
        [.. (await fixture.Blobs.GetBlobsAsync().Where(blob => blob.Name.Contains(scenario.MeetingId) && blob.Name.EndsWith(".journal")).ToListAsync())
            .OrderBy(blob => long.Parse(blob.Name.Split('.')[^2]))];

    [Fact]
    public async Task Hiding_dot_counts_is_a_change_of_the_board_itself_and_survives_a_crash_with_the_dots_after_it()
    {
        var (scenario, board, cards, people) = await BoardAsync(2);
        await board.SetDots(people[0], cards[0].CardId, 1);

        await board.SetDotsHidden(scenario.Facilitator, true);
        await board.SetDots(people[1], cards[0].CardId, 1);
        await AssertSurvivesCrashAsync(board, people);

        var participantView = await board.GetSnapshotFor(people[0]);
        Assert.True(participantView.DotsHidden);
        Assert.Equal(0, participantView.Cards.Single(card => card.CardId == cards[0].CardId).Dots);
        Assert.Equal(2, (await board.GetSnapshotFor(scenario.Facilitator)).Cards.Single(card => card.CardId == cards[0].CardId).Dots);
    }
}
