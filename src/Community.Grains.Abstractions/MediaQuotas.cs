namespace Community.Grains.Abstractions;

/// <summary>
/// How many photos, and how many stored bytes of them, one participant and one whole meeting may add. The web
/// reads the limits from configuration (<c>Community:Media</c>) and passes them with every reservation.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record MediaQuota(
    [property: Id(0)] int PhotosPerParticipant,
    [property: Id(1)] long BytesPerParticipant,
    [property: Id(2)] int PhotosPerMeeting,
    [property: Id(3)] long BytesPerMeeting);

public enum MediaQuotaResult
{
    Granted,
    /// <summary>One more photo would exceed the participant's or the meeting's count.</summary>
    TooManyPhotos,
    /// <summary>The photo's bytes would exceed the participant's or the meeting's byte quota.</summary>
    TooManyBytes,
}

/// <summary>
/// The photo quotas of one meeting, keyed by meeting id: one grain, so "never over quota" holds atomically even when
/// one participant uploads from two phones at once. The web reserves before it stores and releases what it could
/// not store.
/// </summary>
public interface IMediaQuotaGrain : IGrainWithStringKey
{
    Task<MediaQuotaResult> Reserve(string participantId, long bytes, MediaQuota quota);

    Task Release(string participantId, long bytes);
}
