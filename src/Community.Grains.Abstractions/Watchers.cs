using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

/// <summary>A web node's relay for one board, told the board's watcher total across all web nodes.</summary>
public interface IBoardWatchersObserver : IGrainObserver
{
    [OneWay]
    Task OnWatchers(int total);
}

/// <summary>
/// How many people watch one board live, summed over web nodes; keyed by <see cref="Keys.Board"/>. Each node's relay
/// reports its own count when it changes and when it renews; a node not heard from for two minutes no longer counts.
/// Kept apart from the board grain so watchers coming and going never queue behind dots. Not persisted: the
/// relays re-report within one renewal period after a silo restart.
/// </summary>
public interface IBoardWatchersGrain : IGrainWithStringKey
{
    /// <summary>Records the node's count and pushes a changed total to every node.</summary>
    Task Report(IBoardWatchersObserver node, int watchers);

    Task Leave(IBoardWatchersObserver node);
}
