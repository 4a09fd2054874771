using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>An invite: who it makes of its guests, for which boards, until when and how often. Expiry defaults to a week.</summary>
public sealed record CreateInviteRequest(Role? Role, IReadOnlyList<string>? BoardIds, DateTimeOffset? ExpiresAt, int? ExpiresInHours, int? MaxUses);

/// <summary>The caller's new token after the meeting revoked every token (the old one, like everyone's, stops working).</summary>
public sealed record TokensRevokedResponse(int KeyGeneration, string Token);

public sealed record PersonView(string ParticipantId, string DisplayName, string? Country, Role Role, DateTimeOffset JoinedAt, bool Removed);

/// <summary>How many people joined in the minute starting at <see cref="Minute"/> (UTC).</summary>
public sealed record JoinsInMinute(DateTimeOffset Minute, int Joins);

/// <summary>Everyone who joined, and joins per minute over the last quarter hour so a burst of identities shows.</summary>
public sealed record PeopleView(IReadOnlyList<PersonView> People, IReadOnlyList<JoinsInMinute> JoinsPerMinute);

/// <summary>Invites, the people of a meeting, removing one of them, and revoking every token.</summary>
public static class MembershipEndpoints
{
    public const int DefaultInviteHours = 7 * 24;
    public const int MaxInviteHours = 90 * 24;
    public const int MaxInviteUses = 1_000;
    public const int JoinsPerMinuteWindow = 15;

    public static IEndpointRouteBuilder MapMembershipEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var meeting = endpoints.MapGroup("/api/meetings/{meetingId}").WithTags("Membership");

        meeting.MapPost("/invites", CreateInviteAsync)
            .WithName("CreateInvite")
            .WithSummary("Organiser: an invite link's token (shown once) that joins as facilitator or organiser, until it expires, is used up or revoked")
            .RequireMeetingRole(Role.Organiser)
            .ProducesWriteProblems();

        meeting.MapGet("/invites", ListInvitesAsync)
            .WithName("ListInvites")
            .WithSummary("Organiser: every invite with its role, boards, uses and expiry (without tokens), newest first")
            .RequireMeetingRole(Role.Organiser)
            .ProducesReadProblems();

        meeting.MapDelete("/invites/{inviteId}", RevokeInviteAsync)
            .WithName("RevokeInvite")
            .WithSummary("Organiser: the invite joins nobody any more; who joined with it stays")
            .RequireMeetingRole(Role.Organiser)
            .ProducesWriteProblems();

        meeting.MapGet("/participants", ListPeopleAsync)
            .WithName("ListParticipants")
            .WithSummary("Facilitator: everyone who joined (removed ones marked) and joins per minute")
            .RequireMeetingRole(Role.Facilitator)
            .ProducesReadProblems();

        meeting.MapDelete("/participants/{participantId}", RemoveParticipantAsync)
            .WithName("RemoveParticipant")
            .WithSummary("Facilitator: remove a participant (an organiser: anyone but the meeting's creator); their dots, interest and presence leave every board and their tokens stop working")
            .RequireMeetingRole(Role.Facilitator)
            .ProducesWriteProblems();

        meeting.MapPost("/tokens/revoke", RevokeTokensAsync)
            .WithName("RevokeAllTokens")
            .WithSummary("Organiser: every token and cookie of the meeting stops working; returns a new token for the caller")
            .RequireMeetingRole(Role.Organiser)
            .ProducesWriteProblems();

        return endpoints;
    }

    /// <summary>The terms of an invite from a request, or the fields at fault.</summary>
    internal static (InviteTerms? Terms, Validation Validation) ReadInvite(CreateInviteRequest request, DateTimeOffset now)
    {
        var validation = new Validation()
            .Required("role", request.Role)
            .Check(request.Role is null or Role.Facilitator or Role.Organiser, "role", "Invites are for facilitators or organisers; participants join with the meeting's code.")
            .Each("boardIds", request.BoardIds, 100, (v, field, boardId) => v.Text(field, boardId, 64, required: true))
            .Check(request.ExpiresAt is null || request.ExpiresInHours is null, "expiresAt", "Give expiresAt or expiresInHours, not both.")
            .Range("expiresInHours", request.ExpiresInHours, 1, MaxInviteHours)
            .Check(request.ExpiresAt is null || (request.ExpiresAt > now && request.ExpiresAt <= now.AddHours(MaxInviteHours)), "expiresAt",
                $"In the future and within {MaxInviteHours / 24} days.")
            .Range("maxUses", request.MaxUses, 1, MaxInviteUses);
        if (validation.Problem() is not null)
        {
            return (null, validation);
        }

        var expiresAt = request.ExpiresAt ?? now.AddHours(request.ExpiresInHours ?? DefaultInviteHours);
        return (new InviteTerms(request.Role!.Value, request.BoardIds ?? [], expiresAt, request.MaxUses), validation);
    }

    private static async Task<Results<Ok<Invite>, ValidationProblem>> CreateInviteAsync(
        string meetingId, CreateInviteRequest request, Caller caller, IGrainFactory grains, TimeProvider time)
    {
        var (terms, validation) = ReadInvite(request, time.GetUtcNow());
        if (terms is null)
        {
            return validation.Problem()!;
        }

        return TypedResults.Ok(await grains.Meeting(meetingId).CreateInvite(caller.Actor, terms));
    }

    private static async Task<Ok<IReadOnlyList<Invite>>> ListInvitesAsync(string meetingId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Meeting(meetingId).ListInvites(caller.Actor));

    private static async Task<Results<Ok<Invite>, ValidationProblem>> RevokeInviteAsync(string meetingId, string inviteId, Caller caller, IGrainFactory grains)
    {
        if (new Validation().Check(IsId(inviteId), "inviteId", "Not an invite id.").Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Meeting(meetingId).RevokeInvite(caller.Actor, inviteId));
    }

    private static async Task<Ok<PeopleView>> ListPeopleAsync(string meetingId, IGrainFactory grains, TimeProvider time) =>
        TypedResults.Ok(await LoadPeopleAsync(grains, meetingId, time.GetUtcNow()));

    private static async Task<Results<NoContent, ValidationProblem>> RemoveParticipantAsync(
        string meetingId, string participantId, Caller caller, IGrainFactory grains, MemberChecks checks)
    {
        if (new Validation().Check(IsId(participantId), "participantId", "Not a participant id.").Problem() is { } problem)
        {
            return problem;
        }

        await grains.Meeting(meetingId).RemoveParticipant(caller.Actor, participantId);
        checks.Forget(meetingId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TokensRevokedResponse>> RevokeTokensAsync(
        string meetingId, Caller caller, IGrainFactory grains, MemberChecks checks, AccessTokens tokens)
    {
        var access = await grains.Meeting(meetingId).RevokeAllTokens(caller.Actor);
        checks.Forget(meetingId);
        var renewed = caller.Member with { KeyGeneration = access.KeyGeneration };
        return TypedResults.Ok(new TokensRevokedResponse(access.KeyGeneration, tokens.Issue(renewed, checks.ExpiresAt(renewed, access))));
    }

    /// <summary>The roster with removals marked, and joins per minute over the last <see cref="JoinsPerMinuteWindow"/> minutes, oldest first.</summary>
    public static async Task<PeopleView> LoadPeopleAsync(IGrainFactory grains, string meetingId, DateTimeOffset now)
    {
        var access = await grains.Meeting(meetingId).GetAccess();
        var roster = await grains.GetGrain<IRosterGrain>(meetingId).List();
        var people = roster
            .Select(person => new PersonView(person.ParticipantId, person.DisplayName, person.Country, person.Role, person.JoinedAt, access.Removed.Contains(person.ParticipantId)))
            .ToList();
        var thisMinute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var perMinute = Enumerable.Range(0, JoinsPerMinuteWindow)
            .Select(ago => thisMinute.AddMinutes(ago - JoinsPerMinuteWindow + 1))
            .Select(minute => new JoinsInMinute(minute, roster.Count(person => person.JoinedAt >= minute && person.JoinedAt < minute.AddMinutes(1))))
            .ToList();
        return new PeopleView(people, perMinute);
    }

    private static bool IsId(string id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);
}
