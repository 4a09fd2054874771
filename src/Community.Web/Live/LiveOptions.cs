namespace Community.Web.Live;

/// <summary>Settings of the live hub, bound from the "Live" configuration section (e.g. Live__AllowedOrigins__0).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How long a relay gathers a board's changes before sending them as one message, on a board watched by at most
    /// <see cref="QuietWatchers"/>. An idle board sends the first change at once; after a send the next one waits for
    /// the rest of the window. 50 ms keeps a hot board at no more than 20 messages per watcher per second while a tap
    /// still shows up faster than the eye notices.
    /// </summary>
    public TimeSpan CoalescingWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The window on a board watched by <see cref="BusyWatchers"/> or more: every message goes to every watcher, so
    /// a longer window on a crowded board keeps the node's bytes out bounded at any dot rate (at most 4 messages per
    /// watcher per second at 250 ms).
    /// </summary>
    public TimeSpan MaxCoalescingWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Up to this many watchers of a board (all nodes), the window is <see cref="CoalescingWindow"/>.</summary>
    public int QuietWatchers { get; set; } = 200;

    /// <summary>From this many watchers on, the window is <see cref="MaxCoalescingWindow"/>; linear in between.</summary>
    public int BusyWatchers { get; set; } = 2000;

    /// <summary>The coalescing window for a board with this many watchers: grows linearly from quiet to busy.</summary>
    public TimeSpan CoalescingWindowFor(int watchers)
    {
        var min = CoalescingWindow;
        var max = MaxCoalescingWindow > min ? MaxCoalescingWindow : min;
        if (watchers <= QuietWatchers)
        {
            return min;
        }

        if (watchers >= BusyWatchers || BusyWatchers <= QuietWatchers)
        {
            return max;
        }

        var share = (double)(watchers - QuietWatchers) / (BusyWatchers - QuietWatchers);
        return min + (max - min) * share;
    }

    /// <summary>More changed cards than this in one window becomes a "resync" message: clients fetch a snapshot instead.</summary>
    public int MaxCardsPerMessage { get; set; } = 200;

    /// <summary>The board grain drops observers after two minutes; relays renew well before that.</summary>
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Browser origins allowed besides the app's own (e.g. a separately hosted front end).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Hub invocations a connection may make per second on average, and in one burst.</summary>
    public int InvocationsPerSecond { get; set; } = 5;

    public int InvocationBurst { get; set; } = 20;

    /// <summary>A phone watches one board, a projector maybe a few; more is somebody hoarding relays.</summary>
    public int MaxBoardsPerConnection { get; set; } = 8;

    /// <summary>
    /// Live connections one participant (one token) may hold open on one web node: a phone, a laptop and a projector
    /// with a spare. Counted per node, so behind N nodes one token may hold up to N times this.
    /// </summary>
    public int MaxConnectionsPerParticipant { get; set; } = 5;

    /// <summary>Watch and Unwatch carry two short ids; anything larger is not a legitimate client.</summary>
    public long MaximumReceiveMessageSize { get; set; } = 4 * 1024;
}
