using Orleans.Storage;

namespace Community.Grains.Grains;

/// <summary>
/// A grain's own stored record, read on first use instead of on activation: for a grain most of whose activations
/// never need it (a participant is mostly known from the roster), so a new one costs no storage read at all.
/// </summary>
internal sealed class LazyState<T>(IGrainStorage storage, string stateName, GrainId grainId) where T : new()
{
    private readonly GrainState<T> _state = new(new T());
    private Task? _read;

    /// <summary>The stored record (a new one when nothing is stored yet), read once per activation.</summary>
    public async Task<T> GetAsync()
    {
        try
        {
            await (_read ??= storage.ReadStateAsync(stateName, grainId, _state));
        }
        catch
        {
            // A failed read is tried again by the next caller instead of failing every call of this activation.
            _read = null;
            throw;
        }

        return _state.State ??= new T();
    }

    /// <summary>Stores <paramref name="next"/> over what is stored (its ETag); on failure memory keeps what storage holds.</summary>
    public async Task Store(T next)
    {
        await GetAsync();
        var previous = _state.State;
        _state.State = next;
        try
        {
            await storage.WriteStateAsync(stateName, grainId, _state);
        }
        catch
        {
            _state.State = previous;
            throw;
        }
    }
}
