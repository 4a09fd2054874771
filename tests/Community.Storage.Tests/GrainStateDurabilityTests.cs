using Community.Testing;

namespace Community.Storage.Tests;

/// <summary>State written through a grain on a real cluster comes back from Azurite after every silo restarted.</summary>
public sealed class GrainStateDurabilityTests
{
    [Fact]
    public async Task State_written_through_a_grain_survives_a_silo_restart()
    {
        await using var cluster = await CommunityCluster.StartAsync();
        var counter = cluster.Grains.GetGrain<IDurableCounterGrain>($"Среща-София-{Guid.NewGuid():N}");
        await counter.Increment();
        await counter.Increment();

        await cluster.RestartAsync();

        Assert.Equal(2, await counter.Get());
        Assert.Equal(3, await counter.Increment());
    }
}
