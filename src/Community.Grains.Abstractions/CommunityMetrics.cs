using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Community.Grains.Abstractions;

/// <summary>
/// The product's own meter, shared by the web nodes and the silo so that every measuring point is a one-liner
/// (<c>CommunityMetrics.DotsSet.Add(n)</c>). Exported by OpenTelemetry under the meter name <see cref="MeterName"/>;
/// docs/operations.md says what each instrument means.
/// </summary>
public static class CommunityMetrics
{
    public const string MeterName = "Community";

    static readonly Meter Meter = new(MeterName);

    /// <summary>Dots set on cards, counted once when the board grain acknowledges them (durable).</summary>
    public static readonly Counter<long> DotsSet =
        Meter.CreateCounter<long>("community.dots", "{dot}", "Dots acknowledged by board grains");

    /// <summary>Participants who joined a meeting, in the join path.</summary>
    public static readonly Counter<long> Joins =
        Meter.CreateCounter<long>("community.joins", "{join}", "Participants who joined a meeting");

    /// <summary>Grain state blobs written by BlobGrainStorage.</summary>
    public static readonly Counter<long> BlobWrites =
        Meter.CreateCounter<long>("community.blob.writes", "{write}", "Grain state blobs written");

    /// <summary>Changes per durable write in the board grain's group commit.</summary>
    public static readonly Histogram<int> BatchSize =
        Meter.CreateHistogram("community.board.batch.size", "{change}", "Changes committed per board write", tags: null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });

    /// <summary>Serialised bytes of live messages sent to watchers by the web node's relays.</summary>
    public static readonly Counter<long> BytesSent =
        Meter.CreateCounter<long>("community.live.bytes.sent", "By", "Bytes of live messages sent to watchers");

    /// <summary>
    /// On a web node, from a board's change reaching its relay to the relay handing the coalesced message to SignalR:
    /// the coalescing window's share of vote-to-screen time.
    /// </summary>
    public static readonly Histogram<double> FanOutLatency =
        Meter.CreateHistogram<double>("community.live.fanout.latency", "ms",
            "Time from a change reaching the web node's relay to the relay sending it");

    /// <summary>The watcher counts of this process's web nodes (one per node; tests host several in one process).</summary>
    static readonly ConcurrentDictionary<object, Func<int>> WatcherSources = new();

    /// <summary>Created by the first web node, so a silo does not export a watcher count it cannot know.</summary>
    static readonly Lazy<ObservableGauge<int>> WatchersGauge = new(() =>
        Meter.CreateObservableGauge("community.live.watchers", () => WatcherSources.Values.Sum(watchers => watchers()),
            "{watcher}", "Connections watching a board on this node, one per connection and board"));

    /// <summary>Adds a web node's watcher count to the watchers gauge until the returned handle is disposed.</summary>
    public static IDisposable ObserveWatchers(Func<int> watchers)
    {
        var key = new object();
        WatcherSources[key] = watchers;
        _ = WatchersGauge.Value;
        return new Unregister(() => WatcherSources.TryRemove(key, out _));
    }

    private sealed class Unregister(Action unregister) : IDisposable
    {
        public void Dispose() => unregister();
    }
}
