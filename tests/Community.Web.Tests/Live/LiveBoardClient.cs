using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Community.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Live;

/// <summary>
/// Watches one board the way the pages' script does: keeps the board and its version, applies "changes" in order,
/// and on a gap (FromVersion above its version, or a patch of a card it does not hold), dot counts hidden or shown
/// again, a "resync" message or a reconnect calls Watch again and replaces
/// its board with the snapshot. Messages arriving while a Watch is in flight are held and replayed on the snapshot.
/// </summary>
public sealed class LiveBoardClient : IAsyncDisposable
{
    private readonly string _meetingId;
    private readonly string _boardId;
    private readonly object _gate = new();
    private readonly Dictionary<string, CardView> _cards = [];
    private BoardSnapshot? _board;
    private List<BoardChangesMessage>? _heldWhileWatching;
    private readonly List<BoardChangesMessage> _heard = [];

    public LiveBoardClient(HubConnection connection, string meetingId, string boardId)
    {
        Connection = connection;
        _meetingId = meetingId;
        _boardId = boardId;
        connection.On<BoardChangesMessage>(LiveMessages.Changes, OnChanges);
        connection.On<ResyncMessage>(LiveMessages.Resync, message =>
        {
            if (message.Version > Version)
            {
                _ = ResyncInBackground();
            }
        });
        connection.On<WatchersMessage>(LiveMessages.Watchers, message => Watchers = message.Watchers);
        connection.Reconnected += _ => ResyncInBackground();
    }

    public HubConnection Connection { get; }

    public long Version { get; private set; }

    public int Watchers { get; private set; }

    public int ChangesReceived => Heard.Count;

    public int Resyncs { get; private set; }

    /// <summary>The last error of a Watch that ran in the background (after a gap or reconnect).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>The `changes` messages received, in order.</summary>
    public IReadOnlyList<BoardChangesMessage> Heard
    {
        get
        {
            lock (_gate)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>
    /// A client for the hub at <paramref name="hubUrl"/>, with the token on the query string as browsers send it,
    /// speaking JSON as the pages do, or MessagePack as native clients may.
    /// </summary>
    public static LiveBoardClient Create(Uri hubUrl, string token, string meetingId, string boardId, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri($"{hubUrl}?access_token={Uri.EscapeDataString(token)}"))
            .WithAutomaticReconnect();
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            builder.AddJsonProtocol(options => ApiHosting.AddEnumsAsStrings(options.PayloadSerializerOptions));
        }

        return new LiveBoardClient(builder.Build(), meetingId, boardId);
    }

    /// <summary>The board as this client now shows it.</summary>
    public BoardSnapshot Board
    {
        get
        {
            lock (_gate)
            {
                return _board is null
                    ? throw new InvalidOperationException("Not watching yet.")
                    : _board with { Version = Version, Cards = [.. _cards.Values.OrderBy(card => card.CardId, StringComparer.Ordinal)] };
            }
        }
    }

    /// <summary>Connects (or reconnects after <see cref="StopAsync"/>) and watches; throws what Watch refused with.</summary>
    public async Task StartAsync()
    {
        await Connection.StartAsync();
        await WatchAsync();
    }

    public Task StopAsync() => Connection.StopAsync();

    private void OnChanges(BoardChangesMessage changes)
    {
        bool gap;
        lock (_gate)
        {
            _heard.Add(changes);
            Watchers = changes.Watchers;
            if (_heldWhileWatching is not null)
            {
                _heldWhileWatching.Add(changes);
                return;
            }

            gap = !TryApplyLocked(changes);
        }

        if (gap)
        {
            _ = ResyncInBackground();
        }
    }

    /// <summary>False when the message starts after our version: something was missed.</summary>
    private bool TryApplyLocked(BoardChangesMessage changes)
    {
        if (changes.ToVersion <= Version)
        {
            return true;
        }

        // A gap, or counts hidden or shown again (as the page's script, it takes a snapshot rather than patch counts).
        var patches = changes.AllPatches().ToList();
        if (changes.FromVersion > Version || patches.Any(patch => !_cards.ContainsKey(patch.CardId)) || changes.DotsHidden != _board!.DotsHidden)
        {
            return false;
        }

        foreach (var card in changes.Cards)
        {
            _cards[card.CardId] = card;
        }

        foreach (var patch in patches)
        {
            _cards[patch.CardId] = patch.ApplyTo(_cards[patch.CardId]);
        }

        foreach (var cardId in changes.Removed)
        {
            _cards.Remove(cardId);
        }

        _board = _board! with { State = changes.State, Round = changes.Round };
        Version = changes.ToVersion;
        return true;
    }

    private async Task ResyncInBackground()
    {
        try
        {
            await WatchAsync();
        }
        catch (Exception exception)
        {
            LastError = exception;
        }
    }

    private async Task WatchAsync()
    {
        lock (_gate)
        {
            if (_heldWhileWatching is not null)
            {
                return; // a Watch is already on its way
            }

            _heldWhileWatching = [];
        }

        BoardSnapshot snapshot;
        try
        {
            snapshot = await Connection.InvokeAsync<BoardSnapshot>("Watch", _meetingId, _boardId);
        }
        catch
        {
            lock (_gate)
            {
                _heldWhileWatching = null;
            }

            throw;
        }

        bool gap;
        lock (_gate)
        {
            Resyncs++;
            if (snapshot.Version >= Version)
            {
                _board = snapshot;
                _cards.Clear();
                foreach (var card in snapshot.Cards)
                {
                    _cards[card.CardId] = card;
                }

                Version = snapshot.Version;
            }

            gap = !_heldWhileWatching!.All(TryApplyLocked);
            _heldWhileWatching = null;
        }

        if (gap)
        {
            await WatchAsync();
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
