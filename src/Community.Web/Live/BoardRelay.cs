using System.Diagnostics;
using Community.Grains.Abstractions;
using Microsoft.AspNetCore.SignalR;

namespace Community.Web.Live;

/// <summary>
/// This web node's one subscriber to one board: the grain sends it each change once, and it coalesces them into
/// messages for the board's local SignalR group. It renews its subscription, reports the node's watcher count,
/// and after a silo restart (observers are lost then) resubscribes and makes watchers resync.
/// </summary>
internal sealed partial class BoardRelay : IBoardObserver, IBoardWatchersObserver, IAsyncDisposable
{
    /// <summary>After a failed renewal, how soon to try again: short, since watchers see nothing meanwhile.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long a change the grain sent before a snapshot may still be on its way to us.</summary>
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a change that arrived ahead of an earlier one waits for it before watchers resync.</summary>
    private static readonly TimeSpan ReorderGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>Unsubscribing is a courtesy (subscriptions expire anyway), so it must not hold up shutdown.</summary>
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(2);

    private readonly string _boardKey;
    private readonly string _boardId;
    private readonly string _group;
    private readonly string _facilitators;
    private readonly IGrainFactory _grains;
    private readonly IHubContext<LiveHub> _hub;
    private readonly LiveOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _watchersChanged = new(0, 1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChangeBatch _pending;

    /// <summary>Changes that arrived before an earlier one, by the version they start from.</summary>
    private readonly SortedDictionary<long, BoardChanges> _early = [];
    private int _gapGeneration;
    private long _seenVersion;
    private bool _flushScheduled;
    private DateTimeOffset _lastFlushAt = DateTimeOffset.MinValue;
    private int _localWatchers;
    private readonly Dictionary<string, int> _connectionsByParticipant = [];
    private int _totalWatchers;
    private int _connections;
    private long _pendingSince;
    private bool _watchersDirty;
    private Task _running = Task.CompletedTask;

    public BoardRelay(string meetingId, string boardId, IGrainFactory grains, IHubContext<LiveHub> hub, LiveOptions options, ILogger logger)
    {
        _boardKey = Keys.Board(meetingId, boardId);
        _boardId = boardId;
        _group = GroupOf(meetingId, boardId);
        _facilitators = FacilitatorsOf(meetingId, boardId);
        _grains = grains;
        _hub = hub;
        _options = options;
        _logger = logger;
        _pending = new ChangeBatch(boardId);
    }

    /// <summary>What participants get while counts are hidden: cards with 0 dots, patches without dots (none if that was all), no counts.</summary>
    private static BoardChangesMessage WithoutCounts(BoardChangesMessage changes) => changes with
    {
        Cards = [.. changes.Cards.Select(DotVisibility.WithoutCount)],
        Dots = null,
        Patches = [.. changes.Patches.Select(patch => patch with { Dots = null }).Where(patch => patch != new CardPatch { CardId = patch.CardId })],
    };

    /// <summary>The participants watching the board (and the relay registry's key for it).</summary>
    public static string GroupOf(string meetingId, string boardId) => $"board:{Keys.Board(meetingId, boardId)}";

    /// <summary>Facilitators and organisers watching the board: they see dot counts even while participants do not.</summary>
    public static string FacilitatorsOf(string meetingId, string boardId) => $"{GroupOf(meetingId, boardId)}:facilitators";

    /// <summary>Completes once the first subscription attempt is over, so a snapshot taken afterwards misses no change.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>
    /// Counts one more connection of the participant; the node's watcher count is the number of distinct participants,
    /// so one person with several tabs (or a script with one token) counts once. Only the registry calls this, under its lock.
    /// </summary>
    public void AddWatcher(string participantId)
    {
        _connectionsByParticipant[participantId] = _connectionsByParticipant.GetValueOrDefault(participantId) + 1;
        Interlocked.Increment(ref _connections);
        LocalWatchers = _connectionsByParticipant.Count;
    }

    /// <summary>Counts one connection of the participant less; returns how many participants still watch here.</summary>
    public int RemoveWatcher(string participantId)
    {
        Interlocked.Decrement(ref _connections);
        if (_connectionsByParticipant.TryGetValue(participantId, out var connections) && connections > 1)
        {
            _connectionsByParticipant[participantId] = connections - 1;
        }
        else
        {
            _connectionsByParticipant.Remove(participantId);
        }

        LocalWatchers = _connectionsByParticipant.Count;
        return LocalWatchers;
    }

    /// <summary>This node's connections in the board's group: each gets a copy of every message.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int LocalWatchers
    {
        get => _localWatchers;
        set
        {
            Volatile.Write(ref _localWatchers, value);
            if (_watchersChanged.CurrentCount == 0)
            {
                try
                {
                    _watchersChanged.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another change already woke the loop; it reads the latest count.
                }
            }
        }
    }

    public void Start() => _running = Task.Run(() => RunAsync(_stop.Token));

    public Task OnChanges(BoardChanges changes)
    {
        lock (_gate)
        {
            if (_seenVersion > 0 && changes.ToVersion <= _seenVersion)
            {
                return Task.CompletedTask; // a duplicate, or overtaken by a later change already taken in
            }

            if (_seenVersion > 0 && changes.FromVersion > _seenVersion)
            {
                // One-way notifications may overtake each other: hold this one briefly instead of making every
                // watcher of the board fetch a snapshot at once.
                _early[changes.FromVersion] = changes;
                if (_early.Count == 1)
                {
                    _ = GiveUpOnGapAsync(++_gapGeneration);
                }

                return Task.CompletedTask;
            }

            TakeLocked(changes);
            while (_early.Count > 0 && _early.First() is var (fromVersion, next) && fromVersion <= _seenVersion)
            {
                _early.Remove(fromVersion);
                if (next.ToVersion > _seenVersion)
                {
                    TakeLocked(next);
                }
            }

            ScheduleFlushLocked();
        }

        return Task.CompletedTask;
    }

    private void TakeLocked(BoardChanges changes)
    {
        _pending.Add(changes);
        _seenVersion = changes.ToVersion;
        _pendingSince = _pendingSince == 0 ? Stopwatch.GetTimestamp() : _pendingSince;
    }

    /// <summary>The missing change never came: it was lost, so watchers resync from a snapshot.</summary>
    private async Task GiveUpOnGapAsync(int generation)
    {
        await Task.Delay(ReorderGrace);
        lock (_gate)
        {
            if (generation != _gapGeneration || _early.Count == 0)
            {
                return;
            }

            var latest = _early.Values.Max(changes => changes.ToVersion);
            LogGap(_boardKey, _seenVersion, latest);
            _pending.MarkIncomplete(latest);
            _seenVersion = latest;
            _early.Clear();
            ScheduleFlushLocked();
        }
    }

    public Task OnWatchers(int total)
    {
        lock (_gate)
        {
            if (total != _totalWatchers)
            {
                _totalWatchers = total;
                _watchersDirty = true;
                ScheduleFlushLocked();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Leading edge at once, then at most one send per window: an idle board is instant, a hot one bounded. The window
    /// grows with the board's watchers, so a crowded board costs the node bounded bytes per second at any dot rate.
    /// </summary>
    private void ScheduleFlushLocked()
    {
        if (_flushScheduled)
        {
            return;
        }

        _flushScheduled = true;
        // Each connection gets its own copy: the window follows this node's connections when they outnumber the
        // board's people (tabs, a venue's screens, one token on many sockets), so the node's bytes out stay bounded.
        var window = _options.CoalescingWindowFor(Math.Max(_totalWatchers, Connections));
        var wait = _lastFlushAt + window - DateTimeOffset.UtcNow;
        _ = FlushAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private async Task FlushAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        else
        {
            await Task.Yield(); // return to the grain callback first; the send happens off its thread
        }

        string method;
        object message;
        long pendingSince = 0;
        lock (_gate)
        {
            _flushScheduled = false;
            _lastFlushAt = DateTimeOffset.UtcNow;
            if (_pending.HasChanges)
            {
                (method, message) = _pending.ToMessage(_totalWatchers, _options.MaxCardsPerMessage);
                _pending = new ChangeBatch(_boardId);
                (pendingSince, _pendingSince) = (_pendingSince, 0);
            }
            else if (_watchersDirty)
            {
                (method, message) = (LiveMessages.Watchers, new WatchersMessage(_boardId, _totalWatchers));
            }
            else
            {
                return;
            }

            _watchersDirty = false;
        }

        RelayMetrics.Sent(method, message, Connections, pendingSince);

        // Serialised once per protocol for the whole group. Not awaited: a watcher that reads slowly only delays
        // its own copy, never the next window's message to everybody else.
        var sending = message is BoardChangesMessage { DotsHidden: true } changes
            ? Task.WhenAll(
                _hub.Clients.Group(_facilitators).SendAsync(method, changes),
                _hub.Clients.Group(_group).SendAsync(method, WithoutCounts(changes)))
            : _hub.Clients.Groups(_group, _facilitators).SendAsync(method, message);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = sending.ContinueWith(
                failed => LogSendFailed(failed.Exception, _boardKey),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var board = _grains.GetGrain<IBoardGrain>(_boardKey);
        var watchers = _grains.GetGrain<IBoardWatchersGrain>(_boardKey);
        var asBoardObserver = _grains.CreateObjectReference<IBoardObserver>(this);
        var asWatchersObserver = _grains.CreateObjectReference<IBoardWatchersObserver>(this);
        var renewAt = DateTimeOffset.MinValue;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (DateTimeOffset.UtcNow >= renewAt)
                    {
                        await board.Subscribe(asBoardObserver);
                        renewAt = DateTimeOffset.UtcNow + _options.RenewalInterval;
                        await CatchUpAsync(board, stop);
                        _subscribed.TrySetResult();
                    }

                    await watchers.Report(asWatchersObserver, Volatile.Read(ref _localWatchers));
                    var wait = renewAt - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero && await _watchersChanged.WaitAsync(wait, stop))
                    {
                        // Let a wave of arrivals (a room opening the board together) settle into one report.
                        await Task.Delay(_options.CoalescingWindow, stop);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    // The silo may be restarting: keep trying, and let Watch go on to report the real error.
                    LogRenewalFailed(exception, _boardKey);
                    _subscribed.TrySetResult();
                    renewAt = DateTimeOffset.MinValue;
                    await Task.Delay(RetryDelay, CancellationToken.None);
                }
            }
        }
        finally
        {
            await LeaveAsync(board, watchers, asBoardObserver, asWatchersObserver);
        }
    }

    /// <summary>
    /// Learns the board's version on the first subscription; on renewals, a board ahead of what we saw means
    /// notifications were lost (the board's silo restarted and forgot us), so watchers resync.
    /// </summary>
    private async Task CatchUpAsync(IBoardGrain board, CancellationToken stop)
    {
        var version = (await board.GetSnapshot(null)).Version;
        lock (_gate)
        {
            if (!_subscribed.Task.IsCompleted || _seenVersion == 0)
            {
                _seenVersion = Math.Max(_seenVersion, version);
                return;
            }

            if (_seenVersion >= version)
            {
                return;
            }
        }

        await Task.Delay(InFlightGrace, stop);
        lock (_gate)
        {
            if (_seenVersion < version)
            {
                LogGap(_boardKey, _seenVersion, version);
                _pending.MarkIncomplete(version);
                _seenVersion = version;
                ScheduleFlushLocked();
            }
        }
    }

    private async Task LeaveAsync(IBoardGrain board, IBoardWatchersGrain watchers, IBoardObserver asBoardObserver, IBoardWatchersObserver asWatchersObserver)
    {
        try
        {
            await Task.WhenAll(board.Unsubscribe(asBoardObserver), watchers.Leave(asWatchersObserver)).WaitAsync(LeaveTimeout);
        }
        catch (Exception exception)
        {
            LogLeaveFailed(exception, _boardKey);
        }

        _grains.DeleteObjectReference<IBoardObserver>(asBoardObserver);
        _grains.DeleteObjectReference<IBoardWatchersObserver>(asWatchersObserver);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
        _watchersChanged.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Board {Board}: changes after version {Seen} were lost up to {Version}; watchers resync")]
    private partial void LogGap(string board, long seen, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: could not subscribe or renew; retrying")]
    private partial void LogRenewalFailed(Exception exception, string board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: sending to watchers failed")]
    private partial void LogSendFailed(Exception? exception, string board);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board {Board}: unsubscribing failed; the subscription expires on its own")]
    private partial void LogLeaveFailed(Exception exception, string board);
}
