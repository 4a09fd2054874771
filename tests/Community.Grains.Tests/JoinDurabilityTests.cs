using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Community.Grains.Grains;
using Community.Grains.Storage;

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

    [Fact]
    public async Task Joining_stores_nothing_of_the_persons_own_yet_where_they_said_they_are_survives_a_restart()
    {
        var scenario = await Scenario.StartAsync(fixture.Cluster.Grains);
        var participantId = Scenario.NewId();
        var participant = fixture.Cluster.Grains.GetGrain<IParticipantGrain>(Keys.Participant(scenario.MeetingId, participantId));
        await participant.Rejoin(new ParticipantProfile(participantId, "Boris", "BG", Role.Participant, DateTimeOffset.UtcNow));
        var ownBlob = new BlobServiceClient(fixture.Cluster.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.GrainStateContainer)
            .GetBlobClient(BlobGrainStorage.BlobName(ParticipantGrain.StateName, participant.GetGrainId()));
        Assert.False((await ownBlob.ExistsAsync()).Value, "A join should be stored by the roster alone.");

        var atTheAiTable = new CardRef("marketplace", "ai-in-class");
        Assert.Null(await participant.BeHere(atTheAiTable));
        await fixture.Cluster.RestartAsync();

        // Moving on after the restart ends the discussion they were at before it.
        Assert.Equal(atTheAiTable, await participant.BeHere(new CardRef("marketplace", "unplugged")));
        Assert.Equal("Boris", (await participant.Get())?.DisplayName);
    }
}
