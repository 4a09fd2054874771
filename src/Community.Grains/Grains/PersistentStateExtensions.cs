namespace Community.Grains.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and stores it. If the write fails, memory goes back to what storage
    /// holds, so nothing a caller was refused can be seen or stored later.
    /// </summary>
    public static async Task Store<T>(this IPersistentState<T> state, T next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
