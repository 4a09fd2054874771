using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CodeAndParticipantGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    /// <summary>A code nobody else in this test run will draw: the run's codes are random over the same alphabet.</summary>
    private static string UnusedCode() => string.Concat(Enumerable.Range(0, Codes.Length).Select(_ => Codes.Alphabet[Random.Shared.Next(Codes.Alphabet.Length)]));

    [Fact]
    public async Task The_first_claim_of_a_code_wins_and_a_repeat_of_it_is_accepted()
    {
        var code = Grains.GetGrain<ICodeGrain>(UnusedCode());
        var first = new CodeTarget(Scenario.NewId(), Role.Participant, []);
        var second = new CodeTarget(Scenario.NewId(), Role.Participant, []);

        Assert.Null(await code.Resolve());
        Assert.True(await code.TryClaim(first));
        Assert.False(await code.TryClaim(second));
        Assert.True(await code.TryClaim(first with { BoardIds = [] }));
        Assert.Equal(first.MeetingId, (await code.Resolve())?.MeetingId);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_code_have_exactly_one_winner()
    {
        var code = Grains.GetGrain<ICodeGrain>(UnusedCode());
        var targets = Enumerable.Range(0, 20).Select(_ => new CodeTarget(Scenario.NewId(), Role.Participant, [])).ToList();

        var won = await Task.WhenAll(targets.Select(code.TryClaim));

        Assert.Single(won, claimed => claimed);
        Assert.Equal(targets[Array.IndexOf(won, true)].MeetingId, (await code.Resolve())?.MeetingId);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("AAAAA0")]
    [InlineData("aaaaaa")]
    public async Task A_malformed_code_cannot_be_claimed(string malformed)
    {
        await Refused(DomainError.Invalid, () => Grains.GetGrain<ICodeGrain>(malformed).TryClaim(new CodeTarget("m", Role.Participant, [])), "code");
    }

    [Fact]
    public void Typed_codes_are_normalised_before_lookup()
    {
        Assert.Equal("ACE347", Codes.Normalize(" ace-347 "));
        Assert.True(Codes.IsWellFormed(Codes.Normalize("ace 347")));
        Assert.DoesNotContain(Codes.Alphabet, c => "0O1IL".Contains(c));
    }

    [Fact]
    public async Task A_participant_is_registered_with_a_trimmed_name_and_a_retry_returns_the_same_profile()
    {
        var meetingId = (await Scenario.StartAsync(Grains)).MeetingId;
        var participantId = Scenario.NewId();
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant(meetingId, participantId));
        var profile = new ParticipantProfile(participantId, "  Maria Ivanova  ", "BG", Role.Participant, DateTimeOffset.UtcNow);

        Assert.Null(await participant.Get());
        var registered = await participant.Register(profile);
        var retried = await participant.Register(profile with { JoinedAt = profile.JoinedAt.AddSeconds(5) });

        Assert.Equal("Maria Ivanova", registered.DisplayName);
        Assert.Equal(registered, retried);
        Assert.Equal(registered, await participant.Get());
    }

    [Fact]
    public async Task Another_person_under_a_registered_id_is_a_conflict()
    {
        var participantId = Scenario.NewId();
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant((await Scenario.StartAsync(Grains)).MeetingId, participantId));
        var profile = new ParticipantProfile(participantId, "Maria", null, Role.Participant, DateTimeOffset.UtcNow);
        await participant.Register(profile);

        await Refused(DomainError.Conflict, () => participant.Register(profile with { DisplayName = "Ivan" }));

        Assert.Equal("Maria", (await participant.Get())?.DisplayName);
    }

    [Fact]
    public async Task Nobody_joins_a_closed_meeting()
    {
        var scenario = await Scenario.StartAsync(Grains);
        await scenario.Meeting.Update(scenario.Organiser, new MeetingPatch { State = MeetingState.Closed });
        var participantId = Scenario.NewId();
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant(scenario.MeetingId, participantId));

        await Refused(DomainError.MeetingClosed, () => participant.Register(new ParticipantProfile(participantId, "Late Larry", null, Role.Participant, DateTimeOffset.UtcNow)));

        Assert.Null(await participant.Get());
    }

    public static TheoryData<string, string, string?> BadProfiles => new()
    {
        { "displayName", "   ", null },
        { "displayName", new string('n', 61), null },
        { "country", "Maria", "bg" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task Bad_profiles_are_refused_naming_the_field_and_register_nobody(string field, string displayName, string? country)
    {
        var participantId = Scenario.NewId();
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant(Scenario.NewId(), participantId));

        await Refused(DomainError.Invalid, () => participant.Register(new ParticipantProfile(participantId, displayName, country, Role.Participant, DateTimeOffset.UtcNow)), field);

        Assert.Null(await participant.Get());
    }

    [Fact]
    public async Task A_profile_under_another_grains_key_is_refused()
    {
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant(Scenario.NewId(), Scenario.NewId()));

        await Refused(DomainError.Invalid, () => participant.Register(new ParticipantProfile("someone-else", "Maria", null, Role.Participant, DateTimeOffset.UtcNow)), "participantId");
    }
}
