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

/// <summary>A cluster of its own whose rosters list two people, so a test reaches a full roster with a third join.</summary>
public sealed class SmallRosterClusterFixture : ClusterFixture
{
    public const int MaxPeople = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Roster:MaxPeople"] = MaxPeople.ToString(),
    };
}

/// <summary>Past the roster's limit a join still works: the person stores their own profile, and it survives a restart.</summary>
public sealed class FullRosterTests(SmallRosterClusterFixture fixture) : IClassFixture<SmallRosterClusterFixture>
{
    [Fact]
    public async Task Someone_who_joins_a_full_roster_is_the_same_person_after_a_restart_but_not_listed()
    {
        // The organiser and Ana fill the roster.
        var scenario = await Scenario.StartAsync(fixture.Cluster.Grains);
        var ana = await JoinAsync(scenario.MeetingId, "Ana");
        var borisKey = Keys.Participant(scenario.MeetingId, Scenario.NewId());
        var boris = await fixture.Cluster.Grains.GetGrain<IParticipantGrain>(borisKey)
            .Rejoin(new ParticipantProfile(Keys.Parts(borisKey)[1], "Boris", "RO", Role.Participant, DateTimeOffset.UtcNow));
        Assert.Equal("Boris", boris.DisplayName);

        await fixture.Cluster.RestartAsync();

        var participant = fixture.Cluster.Grains.GetGrain<IParticipantGrain>(borisKey);
        Assert.Equal(Scenario.Json(boris), Scenario.Json(await participant.Get()));
        var again = await participant.Rejoin(new ParticipantProfile(boris.ParticipantId, "Someone else", null, Role.Participant, DateTimeOffset.UtcNow));
        Assert.Equal("Boris", again.DisplayName);
        var listed = await fixture.Cluster.Grains.GetGrain<IRosterGrain>(scenario.MeetingId).List();
        Assert.Equal(SmallRosterClusterFixture.MaxPeople, listed.Count);
        Assert.Contains(listed, person => person.ParticipantId == ana.ParticipantId);
        Assert.DoesNotContain(listed, person => person.ParticipantId == boris.ParticipantId);
    }

    private async Task<ParticipantProfile> JoinAsync(string meetingId, string name)
    {
        var participantId = Scenario.NewId();
        return await fixture.Cluster.Grains.GetGrain<IParticipantGrain>(Keys.Participant(meetingId, participantId))
            .Rejoin(new ParticipantProfile(participantId, name, "BG", Role.Participant, DateTimeOffset.UtcNow));
    }
}
