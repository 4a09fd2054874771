using System.Collections.Concurrent;
using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

/// <summary>A relay stand-in: keeps what it hears and lets a test wait for a version.</summary>
internal sealed class RecordingObserver : IBoardObserver
{
    private readonly ConcurrentQueue<BoardChanges> _heard = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<BoardChanges> Heard => [.. _heard];

    public Task OnChanges(BoardChanges changes)
    {
        _heard.Enqueue(changes);
        _arrived.Release();
        return Task.CompletedTask;
    }

    /// <summary>Waits for the version; the bound only keeps a broken build from hanging the run.</summary>
    public async Task UntilVersionAsync(long version)
    {
        while (_heard.IsEmpty || _heard.Max(changes => changes.ToVersion) < version)
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(60)), $"No change up to version {version} arrived.");
        }
    }
}
