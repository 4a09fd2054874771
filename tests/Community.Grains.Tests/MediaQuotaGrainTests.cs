using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MediaQuotaGrainTests(ClusterFixture fixture)
{
    private static readonly MediaQuota Quota = new(PhotosPerParticipant: 10, BytesPerParticipant: 1_000, PhotosPerMeeting: 10, BytesPerMeeting: 1_500);

    [Fact]
    public async Task Bytes_over_the_participants_or_the_meetings_quota_are_refused_and_a_release_gives_them_back()
    {
        var quotas = fixture.Grains.GetGrain<IMediaQuotaGrain>(Guid.NewGuid().ToString("N"));

        Assert.Equal(MediaQuotaResult.Granted, await quotas.Reserve("ana", 900, Quota));
        Assert.Equal(MediaQuotaResult.TooManyBytes, await quotas.Reserve("ana", 101, Quota));
        Assert.Equal(MediaQuotaResult.Granted, await quotas.Reserve("boris", 600, Quota));
        Assert.Equal(MediaQuotaResult.TooManyBytes, await quotas.Reserve("chris", 1, Quota));

        await quotas.Release("ana", 900);

        Assert.Equal(MediaQuotaResult.Granted, await quotas.Reserve("chris", 900, Quota));
    }

    [Fact]
    public async Task A_photo_has_bytes()
    {
        var quotas = fixture.Grains.GetGrain<IMediaQuotaGrain>(Guid.NewGuid().ToString("N"));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => quotas.Reserve("ana", 0, Quota));

        Assert.Equal(DomainError.Invalid, refusal.Error);
    }
}
