using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

/// <summary>Who joined a meeting and when, for the people page. Keyed by meeting id.</summary>
public interface IRosterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a participant once (idempotent) and completes once that is stored; called by the participant grain as it
    /// registers. False when the roster is full and did not list them (the participant then stores its own profile).
    /// </summary>
    Task<bool> Add(ParticipantProfile profile);

    /// <summary>What the roster knows of this participant. A new participant's profile is stored only here.</summary>
    [ReadOnly]
    Task<RosterLookup> Find(string participantId);

    /// <summary>Everyone who joined, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ParticipantProfile>> List();
}

/// <summary>
/// A participant's listed profile, or null; and whether the roster is full, since then a participant it does not list
/// may have stored their profile themselves (<see cref="IRosterGrain.Add"/> returned false to them).
/// </summary>
[Immutable, GenerateSerializer]
public sealed record RosterLookup([property: Id(0)] ParticipantProfile? Profile, [property: Id(1)] bool Full);

/// <summary>The device cookie's value: 16 random bytes in base64url. Anything else is ignored as if absent.</summary>
public static class DeviceIds
{
    public const int Length = 22;

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');
}
