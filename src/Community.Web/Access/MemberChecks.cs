using System.Collections.Concurrent;
using Community.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace Community.Web.Access;

/// <summary>Settings under <c>Community:Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Community:Access";

    /// <summary>How long a token lives when its meeting has no end (and always for organisers).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Participants' and facilitators' tokens expire this long after the meeting's end.</summary>
    public TimeSpan GraceAfterEnd { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a directory account's token (moderator, organisation, campaign owner) and cookie live.</summary>
    public TimeSpan DirectoryTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a web node trusts what it last heard from a meeting grain about removals, key generation and state.
    /// A removed participant is refused on every node within this interval (plus one grain call).
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Checks a token's member against its meeting grain: not removed, issued under the current key generation, not
/// past the meeting's end plus grace. The answer per meeting is cached for <see cref="AccessOptions.CheckInterval"/>,
/// so a busy meeting costs each web node at most a couple of grain calls a second, however many requests it serves.
/// </summary>
public sealed class MemberChecks(IGrainFactory grains, TimeProvider time, IOptions<AccessOptions> options)
{
    private const int MaxCachedMeetings = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    private sealed record Cached(Task<MeetingAccess?> Access, long FetchedAt);

    /// <summary>What the meeting grain says (at most <see cref="AccessOptions.CheckInterval"/> old); null for no such meeting.</summary>
    public Task<MeetingAccess?> AccessAsync(string meetingId)
    {
        if (_cache.TryGetValue(meetingId, out var cached)
            && !cached.Access.IsFaulted
            && time.GetElapsedTime(cached.FetchedAt) < options.Value.CheckInterval)
        {
            return cached.Access;
        }

        if (_cache.Count >= MaxCachedMeetings)
        {
            _cache.Clear();
        }

        var fresh = new Cached(FetchAsync(meetingId), time.GetTimestamp());
        _cache[meetingId] = fresh;
        return fresh.Access;
    }

    /// <summary>Forgets what this node knew about the meeting, after it changed the meeting's access itself.</summary>
    public void Forget(string meetingId) => _cache.TryRemove(meetingId, out _);

    public async Task<bool> IsValidAsync(MeetingMember member) => IsValid(member, await AccessAsync(member.MeetingId));

    public bool IsValid(MeetingMember member, MeetingAccess? access) =>
        access is not null
        && member.KeyGeneration == access.KeyGeneration
        && !access.Removed.Contains(member.ParticipantId)
        && (member.Role == Role.Organiser || !HasEnded(access));

    /// <summary>Past the meeting's end plus the grace period: participants' and facilitators' tokens no longer work.</summary>
    public bool HasEnded(MeetingAccess access) => access.EndsAt is { } end && time.GetUtcNow() > end + options.Value.GraceAfterEnd;

    /// <summary>When a new token or cookie for this member should expire.</summary>
    public DateTimeOffset ExpiresAt(MeetingMember member, MeetingAccess access) =>
        member.Role != Role.Organiser && access.EndsAt is { } end
            ? end + options.Value.GraceAfterEnd
            : time.GetUtcNow() + options.Value.TokenLifetime;

    private async Task<MeetingAccess?> FetchAsync(string meetingId)
    {
        try
        {
            return await grains.GetGrain<IMeetingGrain>(meetingId).GetAccess();
        }
        catch (DomainException exception) when (exception.Error == DomainError.NotFound)
        {
            return null;
        }
    }
}
