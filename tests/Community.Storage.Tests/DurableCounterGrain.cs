namespace Community.Storage.Tests;

public interface IDurableCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();
}

[GenerateSerializer]
public sealed record DurableCounterState
{
    [Id(0)] public int Count { get; init; }
}

/// <summary>The smallest grain that persists through the default storage, to prove state outlives its silo.</summary>
public sealed class DurableCounterGrain([PersistentState("counter")] IPersistentState<DurableCounterState> counter)
    : Grain, IDurableCounterGrain
{
    public async Task<int> Increment()
    {
        counter.State = counter.State with { Count = counter.State.Count + 1 };
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);
}
