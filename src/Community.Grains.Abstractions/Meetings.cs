using System.Collections.Immutable;
using Orleans.Concurrency;

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

    /// <summary>The edit that makes a meeting's details these: every member set, an empty optional text clears it.</summary>
    public static MeetingPatch Replacing(MeetingDetails details) => new()
    {
        Title = details.Title,
        Description = details.Description,
        StartsAt = details.StartsAt,
        EndsAt = details.EndsAt,
        TimeZone = details.TimeZone,
        VenueName = details.VenueName ?? "",
        City = details.City ?? "",
        Country = details.Country ?? "",
        OnlineLink = details.OnlineLink ?? "",
        Tags = details.Tags,
        Languages = details.Languages,
    };
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

/// <summary>
/// An invite link: <see cref="Code"/> is its long random token (see <see cref="InviteTokens"/>), returned once when
/// the invite is created and empty in listings. It joins as <see cref="Role"/> until it expires, is used
/// <see cref="MaxUses"/> times or is revoked.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record Invite(
    [property: Id(0)] string Code,
    [property: Id(1)] Role Role,
    [property: Id(2)] IReadOnlyList<string> BoardIds)
{
    [Id(3)] public string InviteId { get; init; } = "";
    /// <summary>Null only for invites made before invites expired; those no longer join anyone.</summary>
    [Id(4)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(5)] public int? MaxUses { get; init; }
    [Id(6)] public int Uses { get; init; }
    [Id(7)] public bool Revoked { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What an organiser asks of a new invite.</summary>
[Immutable, GenerateSerializer]
public sealed record InviteTerms(
    [property: Id(0)] Role Role,
    [property: Id(1)] IReadOnlyList<string> BoardIds,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] int? MaxUses);

/// <summary>The one writer of a meeting's details, state, board list and invites. Keyed by meeting id.</summary>
public interface IMeetingGrain : IGrainWithStringKey
{
    /// <summary>Creates the meeting and claims a fresh join code; refused with Conflict if it already exists.</summary>
    Task<MeetingCreated> Create(MeetingDetails details);

    /// <summary>NotFound if the meeting was never created. Read-only, so a join storm's checks interleave.</summary>
    [ReadOnly]
    Task<MeetingView> Get();

    Task<MeetingView> Update(Actor actor, MeetingPatch patch);

    /// <summary>Creates a board of this meeting and initialises its grain.</summary>
    Task<BoardSummary> AddBoard(Actor actor, BoardDefinition definition);

    /// <summary>An invite link that joins as the given role (facilitator or organiser), optionally limited to some boards.</summary>
    Task<Invite> CreateInvite(Actor actor, InviteTerms terms);

    /// <summary>Organiser: every invite, newest first, without their tokens.</summary>
    Task<IReadOnlyList<Invite>> ListInvites(Actor actor);

    /// <summary>Organiser: the invite joins nobody any more (idempotent); NotFound for an unknown id.</summary>
    Task<Invite> RevokeInvite(Actor actor, string inviteId);

    /// <summary>Counts one use of the invite and says what it joins as; InviteUnusable when expired, used up or revoked.</summary>
    Task<CodeTarget> RedeemInvite(string inviteId);

    /// <summary>What the web checks every token and cookie against (cached briefly on each node).</summary>
    [ReadOnly]
    Task<MeetingAccess> GetAccess();

    /// <summary>
    /// Facilitator or organiser: the participant's tokens stop working and their dots, interest and presence leave
    /// every board of the meeting. A facilitator removes participants only; nobody removes the meeting's creator.
    /// </summary>
    Task<MeetingAccess> RemoveParticipant(Actor actor, string participantId);

    /// <summary>Organiser: every token and cookie issued so far stops working (the key generation grows).</summary>
    Task<MeetingAccess> RevokeAllTokens(Actor actor);
}

/// <summary>
/// What a token of this meeting must agree with: the meeting's <see cref="KeyGeneration"/> (tokens carry the one
/// they were issued under), the participants removed, and the state and end that bound writes and token lifetime.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record MeetingAccess(
    [property: Id(0)] MeetingState State,
    [property: Id(1)] DateTimeOffset? EndsAt,
    [property: Id(2)] int KeyGeneration,
    [property: Id(3)] ImmutableHashSet<string> Removed,
    [property: Id(4)] string CreatorId);

/// <summary>What a short code resolves to: the meeting's join code (participants) or an invite (facilitators).</summary>
[Immutable, GenerateSerializer]
public sealed record CodeTarget(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] Role Role,
    [property: Id(2)] IReadOnlyList<string> BoardIds)
{
    /// <summary>Set for an invite link: the meeting grain decides whether it still joins anyone.</summary>
    [Id(3)] public string? InviteId { get; init; }
}

/// <summary>
/// Keyed by a short join code (6 characters, no look-alikes) or an invite token (<see cref="InviteTokens"/>). Maps it to its meeting, so codes are unique: the first
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

    /// <summary>
    /// A browser joining (again): the participant as first registered under this id, whatever name is given now,
    /// or <paramref name="profile"/> registered. The id comes from the browser's device id, so however often (and
    /// however fast: the grain answers one call at a time) a browser joins, it is one participant.
    /// </summary>
    Task<ParticipantProfile> Rejoin(ParticipantProfile profile);

    /// <summary>Null if nobody joined under this id. Interleaves: the meeting grain asks while removing someone.</summary>
    [AlwaysInterleave]
    Task<ParticipantProfile?> Get();

    /// <summary>
    /// "I'm here now" at one discussion of the meeting at a time: records where the person is and returns where
    /// they were before (null: nowhere, or the same card), so the caller ends their presence there.
    /// </summary>
    Task<CardRef?> BeHere(CardRef card);

    /// <summary>The person left this discussion; a no-op if they are already elsewhere.</summary>
    Task Leave(CardRef card);
}

/// <summary>One card of a meeting, on one of its boards.</summary>
[Immutable, GenerateSerializer]
public sealed record CardRef(
    [property: Id(0)] string BoardId,
    [property: Id(1)] string CardId);
