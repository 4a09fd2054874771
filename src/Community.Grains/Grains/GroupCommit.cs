using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>
/// Group commit for a reentrant grain: at most one write in flight; every change made meanwhile joins the next
/// write, so a hot grain does one storage write per batch rather than one per change, and each caller is answered
/// only once a write that includes its change is stored.
/// </summary>
/// <remarks>
/// Must be used from the grain's own scheduler (single-threaded turns). After a failed write the callers waiting on
/// it and on the batch behind it get the failure, and the instance refuses further changes: memory may be ahead of
/// storage, so the grain must deactivate and reload (<paramref name="onFailure"/>).
/// A write starts at least <paramref name="minInterval"/> after the previous one started (leading edge: an idle
/// grain writes at once), so a hot grain does at most one write per interval and the changes meanwhile join it.
/// </remarks>
internal sealed class GroupCommit(Func<Task> write, Action onFailure, TimeSpan minInterval = default)
{
    private bool _pumping;
    private long? _lastWriteStarted;
    private TaskCompletionSource? _queued;
    private TaskCompletionSource? _inFlight;
    private Exception? _failure;

    /// <summary>Refuses a change once a write has failed; call it before changing state.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            // Transient for the caller (the web answers 503 with Retry-After, not 500): the next activation reloads.
            throw new StorageUnavailableException(_failure is StorageUnavailableException failed ? failed.BlobName : "(this grain's state)",
                "an earlier write failed and the grain is reloading its state: retry.");
        }
    }

    /// <summary>Completes when a write that includes every change made so far is stored.</summary>
    public Task Include()
    {
        ThrowIfFailed();
        var batch = (_queued ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        if (!_pumping)
        {
            _ = PumpAsync();
        }

        return batch;
    }

    /// <summary>
    /// Completes when the changes made so far are stored, without starting a write if nothing is pending. Throws
    /// after a failed write: what memory holds then may never have been stored, so it must not be confirmed.
    /// </summary>
    public Task WhenDurable()
    {
        ThrowIfFailed();
        return (_queued ?? _inFlight)?.Task ?? Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        _pumping = true;
        while (_queued is not null)
        {
            await WaitForIntervalAsync();
            // Only this loop takes or fails the queued batch, so it is still there after the wait.
            var batch = _queued!;
            _queued = null;
            _inFlight = batch;
            try
            {
                await write();
            }
            catch (Exception exception)
            {
                _failure = exception;
                _inFlight = null;
                batch.SetException(exception);
                _queued?.SetException(exception);
                _queued = null;
                _pumping = false;
                onFailure();
                return;
            }

            _inFlight = null;
            batch.SetResult();
        }

        _pumping = false;
    }

    /// <summary>Waits until the minimum interval has passed since the previous write started; changes keep joining.</summary>
    private async Task WaitForIntervalAsync()
    {
        if (_lastWriteStarted is { } started)
        {
            var remaining = minInterval - TimeProvider.System.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }
        }

        _lastWriteStarted = TimeProvider.System.GetTimestamp();
    }
}
