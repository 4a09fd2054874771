using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ModerationQueueGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private IModerationQueueGrain NewQueue() => fixture.Grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCampaign($"q-{Guid.NewGuid():N}"));

    private static ListingAuditEntry Decision(string action, int minutes, string? reason = null) =>
        new(Monday.AddMinutes(minutes), "mod-1", "Mila", action, reason);

    [Fact]
    public async Task Pending_listings_come_oldest_first_once_each_and_leave_when_decided()
    {
        var queue = NewQueue();
        await queue.Enqueue(new PendingListing("m2", "Second", "BG", null, Monday.AddMinutes(5)));
        await queue.Enqueue(new PendingListing("m1", "First", "BG", null, Monday));
        await queue.Enqueue(new PendingListing("m1", "First, renamed", "BG", null, Monday));

        Assert.Equal(["m1", "m2"], (await queue.Pending()).Select(item => item.MeetingId));
        Assert.Equal("First, renamed", (await queue.Pending())[0].Title);

        await queue.Decided("m1", Decision("approved", 10));

        Assert.Equal(["m2"], (await queue.Pending()).Select(item => item.MeetingId));
    }

    [Fact]
    public async Task Every_decision_is_kept_and_returned_newest_first_up_to_the_limit()
    {
        var queue = NewQueue();
        await queue.Enqueue(new PendingListing("m1", "One", "DE", null, Monday));
        await queue.Decided("m1", Decision("rejected", 1, "No dates"));
        await queue.Enqueue(new PendingListing("m1", "One", "DE", null, Monday.AddMinutes(2)));
        await queue.Decided("m1", Decision("approved", 3));
        await queue.Decided("m9", Decision("withdrawn", 4));
        await queue.Decided("m9", Decision("moved", 5));

        var all = await queue.Decisions(10);
        Assert.Equal(["withdrawn", "approved", "rejected"], all.Select(item => item.Decision.Action));
        Assert.Equal("No dates", all[2].Decision.Reason);
        Assert.Equal(["withdrawn", "approved"], (await queue.Decisions(2)).Select(item => item.Decision.Action));
        Assert.Empty(await queue.Pending());
    }

    [Fact]
    public async Task A_negative_limit_is_refused()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => NewQueue().Decisions(-1));

        Assert.Equal(DomainError.Invalid, refusal.Error);
    }
}

[Collection(ClusterCollection.Name)]
public sealed class DirectoryAccountGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_account_is_created_once_listed_and_revoked_for_good()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IDirectoryAccountGrain>(id);
        Assert.Null(await grain.Get());

        var created = await grain.Create(new DirectoryAccount(id, " Mila ", DirectoryAccountRole.Moderator, ["BG", "BG", "RO"], null, DateTimeOffset.UtcNow));

        Assert.Equal("Mila", created.Name);
        Assert.Equal(["BG", "RO"], created.Countries);
        Assert.Contains(id, await fixture.Grains.GetGrain<IDirectoryAccountIndexGrain>(0).AccountIds());
        var again = await Assert.ThrowsAsync<DomainException>(() => grain.Create(created));
        Assert.Equal(DomainError.Conflict, again.Error);

        var revoked = await grain.Revoke();
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(revoked.RevokedAt, (await grain.Revoke()).RevokedAt);
        Assert.Equal(revoked.RevokedAt, (await grain.Get())!.RevokedAt);
    }

    [Theory]
    [InlineData(DirectoryAccountRole.Moderator, new string[0], null, "countries")]
    [InlineData(DirectoryAccountRole.Moderator, new[] { "XX" }, null, "countries")]
    [InlineData(DirectoryAccountRole.CampaignOwner, new string[0], null, "campaign")]
    [InlineData(DirectoryAccountRole.Organisation, new string[0], "code-week", "campaign")]
    public async Task Accounts_without_their_scope_are_refused(DirectoryAccountRole role, string[] countries, string? campaign, string field)
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IDirectoryAccountGrain>(id);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => grain.Create(new DirectoryAccount(id, "Name", role, countries, campaign, DateTimeOffset.UtcNow)));

        Assert.Equal((DomainError.Invalid, field), (refusal.Error, refusal.Field));
        Assert.Null(await grain.Get());
    }
}
