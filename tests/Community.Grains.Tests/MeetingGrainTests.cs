using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MeetingGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Creating_a_meeting_claims_a_join_code_that_resolves_to_it_and_registers_the_organiser()
    {
        var meetingId = Scenario.NewId();

        var created = await Grains.GetGrain<IMeetingGrain>(meetingId).Create(Scenario.Details());

        Assert.True(Codes.IsWellFormed(created.Meeting.JoinCode));
        Assert.Equal(MeetingState.Draft, created.Meeting.State);
        Assert.Equal("Europe/Sofia", created.Meeting.Details.TimeZone);
        var target = await Grains.GetGrain<ICodeGrain>(created.Meeting.JoinCode).Resolve();
        Assert.Equal(meetingId, target?.MeetingId);
        Assert.Equal(Role.Participant, target?.Role);
        var organiser = await Grains.GetGrain<IParticipantGrain>(Keys.Participant(meetingId, created.OrganiserId)).Get();
        Assert.Equal(Role.Organiser, organiser?.Role);
        Assert.Equal(Scenario.Json(created.Meeting), Scenario.Json(await Grains.GetGrain<IMeetingGrain>(meetingId).Get()));
    }

    [Fact]
    public async Task Two_meetings_get_different_join_codes()
    {
        var first = await Grains.GetGrain<IMeetingGrain>(Scenario.NewId()).Create(Scenario.Details());
        var second = await Grains.GetGrain<IMeetingGrain>(Scenario.NewId()).Create(Scenario.Details());

        Assert.NotEqual(first.Meeting.JoinCode, second.Meeting.JoinCode);
    }

    [Fact]
    public async Task Creating_the_same_meeting_twice_is_a_conflict_and_keeps_the_first()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var before = await scenario.Meeting.Get();

        await Refused(DomainError.Conflict, () => scenario.Meeting.Create(Scenario.Details() with { Title = "Another" }));

        Assert.Equal("EU Code Week Community Meeting", (await scenario.Meeting.Get()).Details.Title);
        Assert.Equal(before.JoinCode, (await scenario.Meeting.Get()).JoinCode);
    }

    [Fact]
    public async Task A_meeting_never_created_is_not_found()
    {
        await Refused(DomainError.NotFound, () => Grains.GetGrain<IMeetingGrain>(Scenario.NewId()).Get(), "meetingId");
    }

    public static TheoryData<string, MeetingDetails> BadDetails => new()
    {
        { "title", Scenario.Details() with { Title = "  " } },
        { "title", Scenario.Details() with { Title = new string('t', 201) } },
        { "description", Scenario.Details() with { Description = new string('d', 20_001) } },
        { "endsAt", Scenario.Details() with { EndsAt = Scenario.Details().StartsAt } },
        { "timeZone", Scenario.Details() with { TimeZone = "Mars/Olympus_Mons" } },
        { "timeZone", Scenario.Details() with { TimeZone = "FLE Standard Time" } },
        { "country", Scenario.Details() with { Country = "bg" } },
        { "country", Scenario.Details() with { Country = "BGR" } },
        { "onlineLink", Scenario.Details() with { OnlineLink = "ftp://example.org/meeting" } },
        { "onlineLink", Scenario.Details() with { OnlineLink = "not a link" } },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_details_are_refused_naming_the_field_and_create_nothing(string field, MeetingDetails details)
    {
        var meeting = Grains.GetGrain<IMeetingGrain>(Scenario.NewId());

        await Refused(DomainError.Invalid, () => meeting.Create(details), field);

        await Refused(DomainError.NotFound, () => meeting.Get());
    }

    [Fact]
    public async Task The_organiser_updates_details_and_state_and_the_version_grows()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var before = await scenario.Meeting.Get();

        var updated = await scenario.Meeting.Update(scenario.Organiser, new MeetingPatch
        {
            Title = "Community Meeting 2025",
            City = "Plovdiv",
            State = MeetingState.Live,
        });

        Assert.Equal("Community Meeting 2025", updated.Details.Title);
        Assert.Equal("Plovdiv", updated.Details.City);
        Assert.Equal("Europe/Sofia", updated.Details.TimeZone);
        Assert.Equal(MeetingState.Live, updated.State);
        Assert.True(updated.Version > before.Version);
        Assert.Equal(Scenario.Json(updated), Scenario.Json(await scenario.Meeting.Get()));
    }

    [Fact]
    public async Task A_bad_patch_changes_nothing()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var before = await scenario.Meeting.Get();

        await Refused(DomainError.Invalid, () => scenario.Meeting.Update(scenario.Organiser, new MeetingPatch { Title = "New", EndsAt = DateTimeOffset.UnixEpoch }), "endsAt");

        Assert.Equal(Scenario.Json(before), Scenario.Json(await scenario.Meeting.Get()));
    }

    [Fact]
    public async Task Only_an_organiser_may_update_add_boards_or_invite()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var before = await scenario.Meeting.Get();

        foreach (var actor in new[] { scenario.Facilitator, Scenario.Participant() })
        {
            await Refused(DomainError.Forbidden, () => scenario.Meeting.Update(actor, new MeetingPatch { Title = "Mine now" }));
            await Refused(DomainError.Forbidden, () => scenario.Meeting.AddBoard(actor, Scenario.OpenSpace));
            await Refused(DomainError.Forbidden, () => scenario.Meeting.CreateInvite(actor, Scenario.Invite(Role.Facilitator)));
        }

        Assert.Equal(Scenario.Json(before), Scenario.Json(await scenario.Meeting.Get()));
    }

    [Fact]
    public async Task Boards_get_their_kinds_default_lanes_and_are_listed_on_the_meeting()
    {
        var scenario = await Scenario.StartAsync(Grains);

        var openSpace = await (await scenario.BoardAsync(Scenario.OpenSpace)).GetSnapshot(null);
        var glocal = await (await scenario.BoardAsync(Scenario.Glocal)).GetSnapshot(null);

        Assert.Equal(["topics"], openSpace.Lanes.Select(lane => lane.Id));
        Assert.Equal(["priorities", "struggles", "successStories", "collaborationIdeas"], glocal.Lanes.Select(lane => lane.Id));
        Assert.Equal(["s1", "s2"], openSpace.Grid?.Slots.Select(slot => slot.Id));
        Assert.Equal(["BG", "RO", "GR", "HR", "RS"], glocal.Region?.Countries);
        Assert.Equal(3, openSpace.DotsPerParticipant);
        Assert.Equal(1, openSpace.MaxDotsPerCard);
        Assert.Equal(BoardState.Open, openSpace.State);
        var listed = (await scenario.Meeting.Get()).Boards;
        Assert.Equal([openSpace.BoardId, glocal.BoardId], listed.Select(board => board.BoardId));
        Assert.Equal("Balkans", listed[1].Region?.Name);
    }

    public static TheoryData<string, BoardDefinition> BadBoards => new()
    {
        { "title", Scenario.OpenSpace with { Title = "" } },
        { "title", Scenario.OpenSpace with { Title = new string('t', 121) } },
        { "dotsPerParticipant", Scenario.OpenSpace with { DotsPerParticipant = 0 } },
        { "dotsPerParticipant", Scenario.OpenSpace with { DotsPerParticipant = 101 } },
        { "maxDotsPerCard", Scenario.OpenSpace with { MaxDotsPerCard = 0 } },
        { "maxDotsPerCard", Scenario.OpenSpace with { DotsPerParticipant = 3, MaxDotsPerCard = 4 } },
        { "slots[0].endsAt", Scenario.OpenSpace with { Slots = [Scenario.OpenSpace.Slots[0] with { EndsAt = Scenario.OpenSpace.Slots[0].StartsAt }] } },
        { "slots[1].id", Scenario.OpenSpace with { Slots = [Scenario.OpenSpace.Slots[0], Scenario.OpenSpace.Slots[1] with { Id = "s1" }] } },
        { "spaces[1].id", Scenario.OpenSpace with { Spaces = [Scenario.OpenSpace.Spaces[0], Scenario.OpenSpace.Spaces[0]] } },
        { "spaces[0].name", Scenario.OpenSpace with { Spaces = [Scenario.OpenSpace.Spaces[0] with { Name = "" }] } },
        { "spaces[0].onlineLink", Scenario.OpenSpace with { Spaces = [Scenario.OpenSpace.Spaces[0] with { OnlineLink = "javascript:alert(1)" }] } },
        { "lanes[0].id", Scenario.OpenSpace with { Lanes = [new Lane("no spaces allowed", "Topics")] } },
        { "lanes[1].id", Scenario.OpenSpace with { Lanes = [new Lane("a", "A"), new Lane("a", "Again")] } },
        { "region", Scenario.Glocal with { Region = null } },
        { "region", Scenario.OpenSpace with { Region = Scenario.Glocal.Region } },
        { "region.name", Scenario.Glocal with { Region = new Region("", ["BG"]) } },
        { "region.countries", Scenario.Glocal with { Region = new Region("Balkans", []) } },
        { "region.countries[1]", Scenario.Glocal with { Region = new Region("Balkans", ["BG", "ro"]) } },
        { "region.countries", Scenario.Glocal with { Region = new Region("Balkans", ["BG", "BG"]) } },
    };

    [Theory]
    [MemberData(nameof(BadBoards))]
    public async Task Bad_board_definitions_are_refused_naming_the_field_and_add_nothing(string field, BoardDefinition definition)
    {
        var scenario = await Scenario.StartAsync(Grains);

        await Refused(DomainError.Invalid, () => scenario.Meeting.AddBoard(scenario.Organiser, definition), field);

        Assert.Empty((await scenario.Meeting.Get()).Boards);
    }

    [Fact]
    public async Task An_invite_token_resolves_to_a_facilitator_of_the_chosen_boards()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var board = await (await scenario.BoardAsync()).GetSnapshot(null);

        var invite = await scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator, board.BoardId));

        Assert.True(InviteTokens.IsWellFormed(invite.Code));
        Assert.False(Codes.IsWellFormed(invite.Code));
        Assert.NotEqual((await scenario.Meeting.Get()).JoinCode, invite.Code);
        var target = await Grains.GetGrain<ICodeGrain>(invite.Code).Resolve();
        Assert.Equal(scenario.MeetingId, target?.MeetingId);
        Assert.Equal(Role.Facilitator, target?.Role);
        Assert.Equal([board.BoardId], target?.BoardIds);
        Assert.Equal(invite.InviteId, target?.InviteId);
    }

    [Fact]
    public async Task Invites_for_participants_or_unknown_boards_are_refused()
    {
        var scenario = await Scenario.StartAsync(Grains);

        await Refused(DomainError.Invalid, () => scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Participant)), "role");
        await Refused(DomainError.Invalid, () => scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator, "nope")), "boardIds[0]");
    }
}
