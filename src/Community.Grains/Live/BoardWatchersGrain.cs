using Community.Grains.Abstractions;

namespace Community.Grains.Live;

/// <summary>Sums the watcher counts that web nodes report for one board and tells every node the total.</summary>
internal sealed class BoardWatchersGrain : Grain, IBoardWatchersGrain
{
    /// <summary>A node that stopped renewing (crashed, cut off) stops counting after this long.</summary>
    internal static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly Dictionary<IBoardWatchersObserver, NodeReport> _nodes = [];
    private int _lastTotal;

    public Task Report(IBoardWatchersObserver node, int watchers)
    {
        _nodes[node] = new NodeReport(watchers, DateTimeOffset.UtcNow);
        PublishTotal(force: true);
        return Task.CompletedTask;
    }

    public Task Leave(IBoardWatchersObserver node)
    {
        _nodes.Remove(node);
        PublishTotal(force: false);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A reporting node always hears the total back (it may be new or have resubscribed after a restart);
    /// the others hear only when it changed.
    /// </summary>
    private void PublishTotal(bool force)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var expired in _nodes.Where(node => now - node.Value.SeenAt > Expiry).Select(node => node.Key).ToList())
        {
            _nodes.Remove(expired);
        }

        var total = _nodes.Values.Sum(node => node.Watchers);
        if (!force && total == _lastTotal)
        {
            return;
        }

        _lastTotal = total;
        foreach (var node in _nodes.Keys)
        {
            // One-way: a node that is gone costs nothing here and expires on its own.
            node.OnWatchers(total).Ignore();
        }
    }

    private readonly record struct NodeReport(int Watchers, DateTimeOffset SeenAt);
}
