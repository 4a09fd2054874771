using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Community.Grains.Grains;
using Community.Grains.Storage;
using Community.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Community.Benchmarks.Micro;

/// <summary>
/// The grain storage write on its own: the silo's default <see cref="IGrainStorage"/> (the Community blob storage)
/// writing a board-shaped state to Azurite, for a meeting of <see cref="Participants"/> voters, each holding dots on
/// three of 20 cards. Shows how the cost of one write grows with the meeting while the board stores it whole, next
/// to what a board stores per batch now: one journal entry (<see cref="BoardJournal"/>) holding the 15 voters whose
/// dots changed and their cards (300 dots/s at 20 writes/s), appended to the board's append blob.
/// </summary>
[MemoryDiagnoser]
public class StorageWrite
{
    private AzuriteServer _azurite = null!;
    private CommunityCluster _cluster = null!;
    private IGrainStorage _storage = null!;
    private GrainState<BoardShape> _state = null!;
    private GrainId _grainId;
    private BoardJournal _journal = null!;
    private BoardBatch _batch = null!;

    [Params(100, 1000, 10000)]
    public int Participants { get; set; }

    [GlobalSetup]
    public async Task StartAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _cluster = await CommunityCluster.StartAsync(_azurite);
        _storage = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var cards = Enumerable.Range(0, 20).Select(number => new CardShape($"card{number:D3}", $"Topic {number}", "A description of a few words.", "someone")).ToList();
        var dots = Enumerable.Range(0, Participants).ToDictionary(
            number => $"participant{number:D5}",
            number => Enumerable.Range(0, 3).ToDictionary(offset => cards[(number + offset) % cards.Count].CardId, _ => 1));
        _state = new GrainState<BoardShape>(new BoardShape(cards, dots));
        _grainId = GrainId.Create("benchboard", Guid.NewGuid().ToString("N"));

        var storedCards = cards.Select(card => new StoredCard { CardId = card.CardId, Title = card.Title, Description = card.Description, AuthorId = card.Author, AuthorName = card.Author });
        var board = new BoardRecord
        {
            Version = Participants,
            Cards = storedCards.ToImmutableDictionary(card => card.CardId),
            Dots = dots.ToImmutableDictionary(voter => voter.Key, voter => voter.Value.ToImmutableDictionary()),
        };
        var voters = dots.Keys.Take(15).ToList();
        _batch = BoardBatch.Between(board.Version - 1, board, voters.SelectMany(voter => dots[voter].Keys).Distinct(), voters);
        _journal = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<BoardJournals>().Open(GrainId.Create("benchboard", Guid.NewGuid().ToString("N")));
        await _journal.ReplayAsync(new BoardRecord()); // a board with nothing stored yet: its journal starts at version 0
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>One conditional write (ETag from the previous one), as a board's group commit does.</summary>
    [Benchmark]
    public Task Write() => _storage.WriteStateAsync("board", _grainId, _state);

    /// <summary>One conditional append of a batch of 15 changed voters to the board's journal.</summary>
    [Benchmark]
    public Task JournalAppend() => _journal.AppendAsync(_batch);
}

public sealed record CardShape(string CardId, string Title, string Description, string Author);

public sealed record BoardShape(IReadOnlyList<CardShape> Cards, IReadOnlyDictionary<string, Dictionary<string, int>> Dots);
