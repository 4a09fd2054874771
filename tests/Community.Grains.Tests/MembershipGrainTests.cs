using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

/// <summary>Invites that expire, run out and can be revoked; removing a person; revoking every token; one browser, one person.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_invite_joins_until_its_uses_run_out_and_counts_each_use()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var invite = await scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator) with { MaxUses = 2 });

        await scenario.Meeting.RedeemInvite(invite.InviteId);
        var second = await scenario.Meeting.RedeemInvite(invite.InviteId);
        var refusal = await Refused(DomainError.InviteUnusable, () => scenario.Meeting.RedeemInvite(invite.InviteId), "code");

        Assert.Equal(Role.Facilitator, second.Role);
        Assert.Contains("used up", refusal.Message);
        var listed = Assert.Single(await scenario.Meeting.ListInvites(scenario.Organiser));
        Assert.Equal(2, listed.Uses);
        Assert.Equal("", listed.Code);
    }

    [Fact]
    public async Task A_revoked_invite_joins_nobody_and_only_an_organiser_revokes()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var invite = await scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Organiser));

        await Refused(DomainError.Forbidden, () => scenario.Meeting.RevokeInvite(scenario.Facilitator, invite.InviteId));
        await Refused(DomainError.Forbidden, () => scenario.Meeting.ListInvites(scenario.Facilitator));
        await Refused(DomainError.NotFound, () => scenario.Meeting.RevokeInvite(scenario.Organiser, "nope"), "inviteId");
        var revoked = await scenario.Meeting.RevokeInvite(scenario.Organiser, invite.InviteId);

        Assert.True(revoked.Revoked);
        await Refused(DomainError.InviteUnusable, () => scenario.Meeting.RedeemInvite(invite.InviteId), "code");
    }

    [Fact]
    public async Task Invites_that_never_expire_or_have_no_uses_are_refused()
    {
        var scenario = await Scenario.StartAsync(Grains);

        await Refused(DomainError.Invalid, () => scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator) with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }), "expiresAt");
        await Refused(DomainError.Invalid, () => scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator) with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(91) }), "expiresAt");
        await Refused(DomainError.Invalid, () => scenario.Meeting.CreateInvite(scenario.Organiser, Scenario.Invite(Role.Facilitator) with { MaxUses = 0 }), "maxUses");
        Assert.Empty(await scenario.Meeting.ListInvites(scenario.Organiser));
    }

    [Fact]
    public async Task Removing_a_participant_takes_their_dots_interest_and_presence_off_every_board()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var first = await scenario.BoardAsync();
        var second = await scenario.BoardAsync(Scenario.Glocal);
        var pat = await scenario.JoinAsync("Pat");
        var ana = await scenario.JoinAsync("Ana");
        var card = await first.Propose(ana, new CardDraft(null, "Robots in class", null));
        var other = await second.Propose(ana, new CardDraft("priorities", "Teacher training", null));
        await first.SetDots(pat, card.CardId, 1);
        await first.SetDots(ana, card.CardId, 1);
        await first.SetInterest(pat, card.CardId, true);
        await second.SetPresence(pat, other.CardId, true);
        var before = (await first.GetSnapshot(null)).Version;

        var access = await scenario.Meeting.RemoveParticipant(scenario.Facilitator, pat.ParticipantId);

        Assert.Contains(pat.ParticipantId, access.Removed);
        var board = await first.GetSnapshot(pat.ParticipantId);
        Assert.True(board.Version > before);
        var kept = Assert.Single(board.Cards);
        Assert.Equal((1, 0), (kept.Dots, kept.Interested));
        Assert.Empty(board.MyDots!.Dots);
        Assert.Equal(0, (await second.GetCard(other.CardId, null)).Present);
        await BoardInvariants.AssertHoldAsync(first, [pat, ana]);
        // Again is harmless: the boards are already clean.
        await scenario.Meeting.RemoveParticipant(scenario.Organiser, pat.ParticipantId);
    }

    [Fact]
    public async Task A_facilitator_removes_only_participants_and_nobody_removes_the_creator()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var fran = await scenario.JoinAsync("Fran", Role.Facilitator);
        var pat = await scenario.JoinAsync("Pat");

        await Refused(DomainError.Forbidden, () => scenario.Meeting.RemoveParticipant(pat, fran.ParticipantId));
        await Refused(DomainError.Forbidden, () => scenario.Meeting.RemoveParticipant(scenario.Facilitator, fran.ParticipantId), "participantId");
        await Refused(DomainError.Forbidden, () => scenario.Meeting.RemoveParticipant(fran, scenario.Organiser.ParticipantId), "participantId");
        await Refused(DomainError.Forbidden, () => scenario.Meeting.RemoveParticipant(scenario.Organiser, scenario.Organiser.ParticipantId), "participantId");
        await Refused(DomainError.NotFound, () => scenario.Meeting.RemoveParticipant(scenario.Organiser, "nobody"), "participantId");
        Assert.Empty((await scenario.Meeting.GetAccess()).Removed);

        await scenario.Meeting.RemoveParticipant(scenario.Organiser, fran.ParticipantId);
        Assert.Equal([fran.ParticipantId], (await scenario.Meeting.GetAccess()).Removed);
    }

    [Fact]
    public async Task Revoking_all_tokens_raises_the_key_generation_and_only_an_organiser_may()
    {
        var scenario = await Scenario.StartAsync(Grains);

        await Refused(DomainError.Forbidden, () => scenario.Meeting.RevokeAllTokens(scenario.Facilitator));
        var access = await scenario.Meeting.RevokeAllTokens(scenario.Organiser);

        Assert.Equal(1, access.KeyGeneration);
        Assert.Equal(1, (await scenario.Meeting.GetAccess()).KeyGeneration);
    }

    [Fact]
    public async Task A_burst_of_joins_from_one_device_is_one_participant_and_the_roster_lists_them_once()
    {
        var scenario = await Scenario.StartAsync(Grains);
        // The web derives the id from the browser's device id, so every join from that browser asks the same grain.
        var participantId = Scenario.NewId();
        var participant = Grains.GetGrain<IParticipantGrain>(Keys.Participant(scenario.MeetingId, participantId));

        var joined = await Task.WhenAll(Enumerable.Range(1, 20).Select(index =>
            participant.Rejoin(new ParticipantProfile(participantId, $"Mallory {index}", null, Role.Participant, DateTimeOffset.UtcNow))));

        Assert.Single(joined.Select(profile => profile.ParticipantId).Distinct());
        var roster = await Grains.GetGrain<IRosterGrain>(scenario.MeetingId).List();
        Assert.Equal(2, roster.Count); // the organiser and the one participant
        Assert.Contains(roster, person => person.ParticipantId == joined[0].ParticipantId);
    }
}
