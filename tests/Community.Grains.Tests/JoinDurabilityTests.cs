using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

/// <summary>A join's only write is its share of the roster's group commit: after a silo restart the person is still there.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JoinDurabilityTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_joined_participant_is_the_same_person_after_a_silo_restart_and_joining_again_keeps_their_first_name()
    {
        var scenario = await Scenario.StartAsync(fixture.Cluster.Grains);
        var participantId = Scenario.NewId();
        var key = Keys.Participant(scenario.MeetingId, participantId);
        var joined = await fixture.Cluster.Grains.GetGrain<IParticipantGrain>(key)
            .Rejoin(new ParticipantProfile(participantId, "Ana", "BG", Role.Participant, DateTimeOffset.UtcNow));

        await fixture.Cluster.RestartAsync();

        var participant = fixture.Cluster.Grains.GetGrain<IParticipantGrain>(key);
        Assert.Equal(Scenario.Json(joined), Scenario.Json(await participant.Get()));
        var again = await participant.Rejoin(new ParticipantProfile(participantId, "Someone else", null, Role.Participant, DateTimeOffset.UtcNow));
        Assert.Equal("Ana", again.DisplayName);
        var roster = await fixture.Cluster.Grains.GetGrain<IRosterGrain>(scenario.MeetingId).List();
        Assert.Single(roster, person => person.ParticipantId == participantId);
    }
}
