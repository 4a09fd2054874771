using System.Diagnostics;

namespace Community.Benchmarks.Load;

/// <summary>
/// Vote-to-screen latency. One probe change at a time on a card nobody else touches: from the start of its HTTP
/// request to the first `changes` message naming that card at each watcher. The next probe starts only after every
/// watcher saw this one (or <see cref="Timeout"/> passed; those are counted as missed, never as fast).
/// </summary>
public sealed class Probe(string cardId, int watchers)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly int[] _seen = new int[watchers];
    private readonly List<double> _latencies = [];
    private readonly Lock _gate = new();
    private volatile int _current;
    private long _started;
    private int _seenCount;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[] CardId { get; } = System.Text.Encoding.UTF8.GetBytes(cardId);

    public int Missed { get; private set; }

    public int Probes { get; private set; }

    /// <summary>Whether a probe is waiting to be seen by this watcher (cheap: read on every message).</summary>
    public bool Waiting(int watcher) => _current != 0 && _seen[watcher] != _current;

    public void Saw(int watcher)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_current == 0 || _seen[watcher] == _current)
            {
                return;
            }

            _seen[watcher] = _current;
            _latencies.Add(Stopwatch.GetElapsedTime(_started, now).TotalMilliseconds);
            if (++_seenCount == _seen.Length)
            {
                _all.TrySetResult();
            }
        }
    }

    /// <summary>Runs one probe: <paramref name="change"/> is the HTTP request that changes the probe card.</summary>
    public async Task RunAsync(int number, Func<Task> change)
    {
        Task all;
        lock (_gate)
        {
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _seenCount = 0;
            _started = Stopwatch.GetTimestamp();
            _current = number;
            all = _all.Task;
        }

        await change();
        await Task.WhenAny(all, Task.Delay(Timeout));
        lock (_gate)
        {
            _current = 0;
            Missed += _seen.Length - _seenCount;
            Probes++;
        }
    }

    public IReadOnlyList<double> Latencies
    {
        get
        {
            lock (_gate)
            {
                return [.. _latencies.Order()];
            }
        }
    }
}
