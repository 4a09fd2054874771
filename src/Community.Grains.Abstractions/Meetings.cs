namespace Community.Grains.Abstractions;

public enum MeetingState
{
    Draft = 0,
    Live = 1,
    Closed = 2,
}

/// <summary>What an organiser says about a meeting. Description is Markdown; times carry their IANA time zone.</summary>
[Immutable, GenerateSerializer]
public sealed record MeetingDetails
{
    [Id(0)] public string Title { get; init; } = "";
    [Id(1)] public string Description { get; init; } = "";
    [Id(2)] public DateTimeOffset? StartsAt { get; init; }
    [Id(3)] public DateTimeOffset? EndsAt { get; init; }
    [Id(4)] public string TimeZone { get; init; } = "UTC";
    [Id(5)] public string? City { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    [Id(6)] public string? Country { get; init; }
    [Id(7)] public string? OnlineLink { get; init; }
    [Id(8)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(9)] public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>The venue's name (a school, a hotel), shown with its city and country.</summary>
    [Id(10)] public string? VenueName { get; init; }
}

/// <summary>A partial edit: null members are left as they are.</summary>
[Immutable, GenerateSerializer]
public sealed record MeetingPatch
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public DateTimeOffset? StartsAt { get; init; }
    [Id(3)] public DateTimeOffset? EndsAt { get; init; }
    [Id(4)] public string? TimeZone { get; init; }
    [Id(5)] public string? City { get; init; }
    [Id(6)] public string? Country { get; init; }
    [Id(7)] public string? OnlineLink { get; init; }
    [Id(8)] public IReadOnlyList<string>? Tags { get; init; }
    [Id(9)] public IReadOnlyList<string>? Languages { get; init; }
    [Id(10)] public MeetingState? State { get; init; }
    [Id(11)] public string? VenueName { get; init; }
}

/// <summary>The public face of a meeting: anyone with its id may read it.</summary>
[Immutable, GenerateSerializer]
public sealed record MeetingView(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] MeetingDetails Details,
    [property: Id(2)] MeetingState State,
    [property: Id(3)] string JoinCode,
    [property: Id(4)] IReadOnlyList<BoardSummary> Boards,
    [property: Id(5)] long Version);

/// <summary>The organiser's identity is minted at creation, so the web can issue the organiser token once.</summary>
[Immutable, GenerateSerializer]
public sealed record MeetingCreated(
    [property: Id(0)] MeetingView Meeting,
    [property: Id(1)] string OrganiserId);

[Immutable, GenerateSerializer]
public sealed record Invite(
    [property: Id(0)] string Code,
    [property: Id(1)] Role Role,
    [property: Id(2)] IReadOnlyList<string> BoardIds);

/// <summary>The one writer of a meeting's details, state, board list and invites. Keyed by meeting id.</summary>
public interface IMeetingGrain : IGrainWithStringKey
{
    /// <summary>Creates the meeting and claims a fresh join code; refused with Conflict if it already exists.</summary>
    Task<MeetingCreated> Create(MeetingDetails details);

    /// <summary>NotFound if the meeting was never created.</summary>
    Task<MeetingView> Get();

    Task<MeetingView> Update(Actor actor, MeetingPatch patch);

    /// <summary>Creates a board of this meeting and initialises its grain.</summary>
    Task<BoardSummary> AddBoard(Actor actor, BoardDefinition definition);

    /// <summary>An invite code that joins as the given role (facilitator), optionally limited to some boards.</summary>
    Task<Invite> CreateInvite(Actor actor, Role role, IReadOnlyList<string> boardIds);
}

/// <summary>What a short code resolves to: the meeting's join code (participants) or an invite (facilitators).</summary>
[Immutable, GenerateSerializer]
public sealed record CodeTarget(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] Role Role,
    [property: Id(2)] IReadOnlyList<string> BoardIds);

/// <summary>
/// Keyed by a short code (6 characters, no look-alikes). Maps it to its meeting, so codes are unique: the first
/// claim wins and later claims with another target are refused.
/// </summary>
public interface ICodeGrain : IGrainWithStringKey
{
    /// <summary>True if this code now points at the target (first claim, or the same target again).</summary>
    Task<bool> TryClaim(CodeTarget target);

    /// <summary>Null if the code was never claimed.</summary>
    Task<CodeTarget?> Resolve();
}

/// <summary>A person in a meeting, as the board and the summary show them.</summary>
[Immutable, GenerateSerializer]
public sealed record ParticipantProfile(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Country,
    [property: Id(3)] Role Role,
    [property: Id(4)] DateTimeOffset JoinedAt);

/// <summary>
/// One participant of one meeting, keyed by <see cref="Keys.Participant"/>. Joins land here, one grain each,
/// so a join storm spreads over many grains instead of queueing on the meeting.
/// </summary>
public interface IParticipantGrain : IGrainWithStringKey
{
    /// <summary>Records the participant; idempotent for the same profile.</summary>
    Task<ParticipantProfile> Register(ParticipantProfile profile);

    /// <summary>Null if nobody joined under this id.</summary>
    Task<ParticipantProfile?> Get();
}
