using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record MediaUsage
{
    [Id(0)] public int Photos { get; init; }
    [Id(1)] public long Bytes { get; init; }

    public MediaUsage Add(int photos, long bytes) => new() { Photos = Photos + photos, Bytes = Bytes + bytes };
}

[GenerateSerializer]
internal sealed record MediaQuotaState
{
    [Id(0)] public MediaUsage Meeting { get; init; } = new();
    [Id(1)] public IReadOnlyDictionary<string, MediaUsage> Participants { get; init; } = new Dictionary<string, MediaUsage>();
}

/// <summary>Counts the photos and stored bytes of one meeting and of each of its participants.</summary>
internal sealed class MediaQuotaGrain(
    [PersistentState(MediaQuotaGrain.StateName)] IPersistentState<MediaQuotaState> usage) : Grain, IMediaQuotaGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "media-quota";

    public async Task<MediaQuotaResult> Reserve(string participantId, long bytes, MediaQuota quota)
    {
        Rules.Require(bytes > 0, DomainError.Invalid, "A photo has bytes.", "bytes");
        var meeting = usage.State.Meeting;
        var participant = usage.State.Participants.GetValueOrDefault(participantId) ?? new MediaUsage();
        if (participant.Photos + 1 > quota.PhotosPerParticipant || meeting.Photos + 1 > quota.PhotosPerMeeting)
        {
            return MediaQuotaResult.TooManyPhotos;
        }

        if (participant.Bytes + bytes > quota.BytesPerParticipant || meeting.Bytes + bytes > quota.BytesPerMeeting)
        {
            return MediaQuotaResult.TooManyBytes;
        }

        await Change(participantId, participant.Add(1, bytes), meeting.Add(1, bytes));
        return MediaQuotaResult.Granted;
    }

    public async Task Release(string participantId, long bytes)
    {
        if (usage.State.Participants.GetValueOrDefault(participantId) is not { Photos: > 0 } participant)
        {
            return;
        }

        await Change(participantId, participant.Add(-1, -Math.Min(bytes, participant.Bytes)), usage.State.Meeting.Add(-1, -Math.Min(bytes, usage.State.Meeting.Bytes)));
    }

    private Task Change(string participantId, MediaUsage participant, MediaUsage meeting) =>
        usage.Store(new MediaQuotaState
        {
            Meeting = meeting,
            Participants = new Dictionary<string, MediaUsage>(usage.State.Participants) { [participantId] = participant },
        });
}
