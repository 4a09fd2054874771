using BenchmarkDotNet.Attributes;
using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Benchmarks.Micro;

/// <summary>
/// The board grain's dot path as the web calls it: <c>SetDots</c> through the grain interface on an in-process
/// silo, acknowledged only once the board is stored in Azurite. One voter alone (each dot its own write) and 50
/// voters at once (group commit shares writes).
/// </summary>
[MemoryDiagnoser]
public class BoardDotPath
{
    private const int Cards = 20;
    private AzuriteServer _azurite = null!;
    private CommunityCluster _cluster = null!;
    private IBoardGrain _board = null!;
    private List<string> _cards = [];
    private List<Actor> _voters = [];
    private int _tap;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _cluster = await CommunityCluster.StartAsync(_azurite);
        var meetingId = Guid.NewGuid().ToString("N");
        var meeting = _cluster.Grains.GetGrain<IMeetingGrain>(meetingId);
        var created = await meeting.Create(new MeetingDetails { Title = "Micro benchmark" });
        var organiser = new Actor(created.OrganiserId, "Organiser", Role.Organiser);
        var board = await meeting.AddBoard(organiser, new BoardDefinition { Kind = BoardKind.OpenSpace, Title = "Dots" });
        _board = _cluster.Grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, board.BoardId));
        foreach (var number in Enumerable.Range(0, Cards))
        {
            _cards.Add((await _board.Propose(organiser, new CardDraft(null, $"Topic {number}", null))).CardId);
        }

        _voters = [.. Enumerable.Range(0, 50).Select(number => new Actor($"voter{number:D4}", $"Voter {number}", Role.Participant))];
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>One dot set or taken back by one voter: a whole durable round trip.</summary>
    [Benchmark]
    public Task OneVoter()
    {
        var tap = _tap++;
        return _board.SetDots(_voters[0], _cards[tap / 2 % Cards], tap % 2 == 0 ? 1 : 0);
    }

    /// <summary>50 voters tapping at once; the time is per dot.</summary>
    [Benchmark(OperationsPerInvoke = 50)]
    public Task FiftyVotersAtOnce()
    {
        var tap = _tap++;
        return Task.WhenAll(_voters.Select((voter, index) => _board.SetDots(voter, _cards[(index + tap / 2) % Cards], tap % 2 == 0 ? 1 : 0)));
    }
}
