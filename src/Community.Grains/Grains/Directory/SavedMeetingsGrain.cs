using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record SavedMeetingsRecord
{
    [Id(0)] public IReadOnlyList<string> MeetingIds { get; init; } = [];
}

/// <summary>One browser's saved meetings: a short list of ids, written only when the browser saves or removes one.</summary>
internal sealed class SavedMeetingsGrain(
    [PersistentState(SavedMeetingsGrain.StateName)] IPersistentState<SavedMeetingsRecord> saved) : Grain, ISavedMeetingsGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "saved-meetings";

    public const int MaxSaved = 500;

    public async Task Save(string meetingId)
    {
        Rules.Require(meetingId.Length is > 0 and <= 64, DomainError.Invalid, "meetingId is not a meeting's id.", "meetingId");
        if (saved.State.MeetingIds.Contains(meetingId, StringComparer.Ordinal))
        {
            return;
        }

        Rules.Require(saved.State.MeetingIds.Count < MaxSaved, DomainError.Conflict, $"At most {MaxSaved} meetings can be saved.");
        await saved.Store(saved.State with { MeetingIds = [.. saved.State.MeetingIds, meetingId] });
    }

    public async Task Remove(string meetingId)
    {
        if (saved.State.MeetingIds.Contains(meetingId, StringComparer.Ordinal))
        {
            await saved.Store(saved.State with { MeetingIds = saved.State.MeetingIds.Where(id => id != meetingId).ToList() });
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult(saved.State.MeetingIds);
}
