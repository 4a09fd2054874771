using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Community.Web.Live;

/// <summary>
/// This web node's relays, one per board that at least one of its connections watches, and which boards each
/// connection watches. The last watcher of a board leaving (Unwatch or disconnect) drops its relay.
/// </summary>
internal sealed class BoardRelays(IGrainFactory grains, IHubContext<LiveHub> hub, IOptions<LiveOptions> options, ILogger<BoardRelay> logger)
    : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BoardRelay> _relays = [];
    private readonly Dictionary<string, Watching> _watching = [];

    /// <summary>
    /// Counts the connection (of the participant) as a watcher of the board; completes when the board's relay is
    /// subscribed. The board's watcher count counts participants, not connections.
    /// </summary>
    public Task Watch(string connectionId, string participantId, string meetingId, string boardId)
    {
        BoardRelay? relay;
        lock (_gate)
        {
            if (!_watching.TryGetValue(connectionId, out var watching))
            {
                _watching[connectionId] = watching = new Watching(participantId, []);
            }

            var boards = watching.Boards;
            if (!boards.Contains((meetingId, boardId)) && boards.Count >= options.Value.MaxBoardsPerConnection)
            {
                throw new HubException($"too-many-boards: a connection watches at most {options.Value.MaxBoardsPerConnection} boards.");
            }

            var group = BoardRelay.GroupOf(meetingId, boardId);
            if (!_relays.TryGetValue(group, out relay))
            {
                relay = new BoardRelay(meetingId, boardId, grains, hub, options.Value, logger);
                _relays[group] = relay;
                relay.Start();
            }

            if (boards.Add((meetingId, boardId)))
            {
                relay.AddWatcher(participantId);
            }
        }

        return relay.Subscribed;
    }

    public void Unwatch(string connectionId, string meetingId, string boardId)
    {
        lock (_gate)
        {
            if (_watching.TryGetValue(connectionId, out var watching) && watching.Boards.Remove((meetingId, boardId)))
            {
                ReleaseLocked(watching.ParticipantId, meetingId, boardId);
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (_watching.Remove(connectionId, out var watching))
            {
                foreach (var (meetingId, boardId) in watching.Boards)
                {
                    ReleaseLocked(watching.ParticipantId, meetingId, boardId);
                }
            }
        }
    }

    /// <summary>Whether this node runs a relay for the board: only while one of its connections watches it.</summary>
    public bool IsRelaying(string meetingId, string boardId)
    {
        lock (_gate)
        {
            return _relays.ContainsKey(BoardRelay.GroupOf(meetingId, boardId));
        }
    }

    /// <summary>Connections watching a board on this node, once per board: the copies each fan-out sends.</summary>
    public int Watchers()
    {
        lock (_gate)
        {
            return _relays.Values.Sum(relay => relay.Connections);
        }
    }

    private void ReleaseLocked(string participantId, string meetingId, string boardId)
    {
        var group = BoardRelay.GroupOf(meetingId, boardId);
        var relay = _relays[group];
        if (relay.RemoveWatcher(participantId) == 0)
        {
            _relays.Remove(group);
            _ = relay.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<BoardRelay> relays;
        lock (_gate)
        {
            relays = [.. _relays.Values];
            _relays.Clear();
            _watching.Clear();
        }

        foreach (var relay in relays)
        {
            await relay.DisposeAsync();
        }
    }

    /// <summary>Whose connection it is, and the boards it watches.</summary>
    private sealed record Watching(string ParticipantId, HashSet<(string MeetingId, string BoardId)> Boards);
}
