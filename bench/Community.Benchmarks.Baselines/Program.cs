using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

// A baseline for bench/Community.Benchmarks.Load, run as its own process:
//   dotnet Community.Benchmarks.Baselines.dll --urls http://127.0.0.1:PORT --mode coalesced|every [--window-ms 50]
// "coalesced" (baseline a): an in-memory counter per card, changes sent to watchers at most once per window with the
// leading edge kept, as the stack's relay does: the transport's limit on this machine.
// "every" (baseline b): every vote broadcast to every watcher at once, as older open-space tools do.
// It speaks the stack's routes and shapes: PUT /api/meetings/{m}/boards/{b}/cards/{c}/dots {dots} with a bearer
// token naming the voter, hub /hubs/live with Watch(meetingId, boardId) and `changes` messages
// {boardId, fromVersion, toVersion, dots: {cardId: count}} (the stack's short form of a dot change). Any ids and
// tokens are accepted.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
var mode = builder.Configuration["mode"] ?? "coalesced";
var window = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("window-ms", 50));
builder.Services.AddSingleton(services => new Counter(mode == "every" ? TimeSpan.Zero : window, services.GetRequiredService<IHubContext<LiveHub>>()));
builder.Services.AddHostedService(services => services.GetRequiredService<Counter>());
var app = builder.Build();
app.UseWebSockets();
app.MapHub<LiveHub>("/hubs/live");
app.MapGet("/healthz", () => "ok");
app.MapPut("/api/meetings/{meetingId}/boards/{boardId}/cards/{cardId}/dots",
    (string boardId, string cardId, DotsRequest body, HttpRequest request, Counter counter) =>
        Results.Ok(counter.SetDots(boardId, cardId, request.Headers.Authorization.ToString(), body.Dots)));
app.Run();

internal sealed record DotsRequest(int Dots);

internal sealed record CardDots(string CardId, int Dots);

internal sealed record ChangesMessage(string BoardId, long FromVersion, long ToVersion, IReadOnlyDictionary<string, int> Dots);

internal sealed class LiveHub(Counter counter) : Hub
{
    public async Task<object> Watch(string meetingId, string boardId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, boardId);
        return counter.Snapshot(boardId);
    }
}

/// <summary>Dots per card and voter in memory; sends changes per window (or at once when the window is zero).</summary>
internal sealed class Counter(TimeSpan window, IHubContext<LiveHub> hub) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Card, string Voter), int> _votes = new();
    private readonly ConcurrentDictionary<string, int> _totals = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, int>> _pending = [];
    private readonly SemaphoreSlim _wake = new(0);
    private long _version;
    private long _sentVersion;
    public object SetDots(string boardId, string cardId, string voter, int dots)
    {
        var before = _votes.GetValueOrDefault((cardId, voter));
        _votes[(cardId, voter)] = dots;
        var total = _totals.AddOrUpdate(cardId, dots, (_, sum) => sum + dots - before);
        long version;
        lock (_gate)
        {
            version = ++_version;
            if (window == TimeSpan.Zero)
            {
                _ = hub.Clients.Group(boardId).SendAsync("changes", new ChangesMessage(boardId, version - 1, version, new Dictionary<string, int> { [cardId] = total }));
                return new { dots, version };
            }

            if (!_pending.TryGetValue(boardId, out var cards))
            {
                _pending[boardId] = cards = [];
            }

            cards[cardId] = total;
        }

        _wake.Release();
        return new { dots, version };
    }

    public object Snapshot(string boardId) => new { boardId, version = Interlocked.Read(ref _version), cards = _totals.Select(pair => new CardDots(pair.Key, pair.Value)).ToList() };

    // Leading edge: a change on a quiet board goes out at once; after a send the next waits out the window.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(stoppingToken);
            while (Flush())
            {
                await Task.Delay(window, stoppingToken);
            }
        }
    }

    private bool Flush()
    {
        List<ChangesMessage> messages = [];
        lock (_gate)
        {
            while (_wake.CurrentCount > 0)
            {
                _wake.Wait(0);
            }

            foreach (var (boardId, cards) in _pending)
            {
                messages.Add(new ChangesMessage(boardId, _sentVersion, _version, cards));
            }

            _pending.Clear();
            _sentVersion = _version;
        }

        foreach (var message in messages)
        {
            _ = hub.Clients.Group(message.BoardId).SendAsync("changes", message);
        }

        return messages.Count > 0;
    }
}
