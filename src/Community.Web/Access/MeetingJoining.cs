using System.Security.Cryptography;
using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Authentication;

namespace Community.Web.Access;

/// <summary>A new (or returning) member and when their token or cookie should expire.</summary>
public sealed record Joined(MeetingMember Member, DateTimeOffset ExpiresAt);

/// <summary>
/// Turns a join code or an invite link into a member of its meeting. The API then returns a token for the
/// member (<see cref="AccessTokens"/>); the pages sign them in with a cookie (<see cref="SignInWithCookieAsync"/>).
/// Callers resolve the code first (<see cref="ResolveAsync"/>), so they can count failed lookups per address.
/// </summary>
public sealed class MeetingJoining(IGrainFactory grains, MemberChecks checks, TimeProvider time)
{
    /// <summary>What a code or invite token opens, as typed (see <see cref="InviteTokens.NormalizeLookup"/>); null when nothing.</summary>
    public async Task<CodeTarget?> ResolveAsync(string typed)
    {
        var code = InviteTokens.NormalizeLookup(typed);
        // A malformed code is simply unknown; no grain needs to wake up for it.
        return Codes.IsWellFormed(code) || InviteTokens.IsWellFormed(code) ? await grains.GetGrain<ICodeGrain>(code).Resolve() : null;
    }

    /// <summary>
    /// Joins the target's meeting. A participant joining from a browser that joined before (same
    /// <paramref name="deviceId"/>) is the same participant again. Refused with MeetingClosed when the meeting is
    /// closed or ended, InviteUnusable for an expired, used-up or revoked invite, Forbidden for a removed person.
    /// </summary>
    public async Task<Joined> JoinAsync(CodeTarget target, string displayName, string? country, string? deviceId)
    {
        var access = await checks.AccessAsync(target.MeetingId)
            ?? throw new DomainException(DomainError.NotFound, "No meeting or invite has this code.", "code");
        Require(access.State != MeetingState.Closed && !checks.HasEnded(access), DomainError.MeetingClosed, "The meeting is closed: nobody joins any more.");
        if (target.InviteId is { } inviteId)
        {
            target = await grains.GetGrain<IMeetingGrain>(target.MeetingId).RedeemInvite(inviteId);
        }
        else
        {
            Require(target.Role == Role.Participant, DomainError.InviteUnusable, "This invite is from before invites expired: ask for a new one.");
        }

        // A participant's id follows from their browser's device id: a new phone costs one grain and its share of the
        // roster's group commit, and the same browser joining again finds its participant. Facilitators and organisers join by invite, each anew.
        var fromDevice = target.Role == Role.Participant && deviceId is not null;
        var participantId = fromDevice ? DeviceCookie.ParticipantIdFor(target.MeetingId, deviceId!) : NewId();
        var profile = new ParticipantProfile(participantId, displayName, country, target.Role, time.GetUtcNow());
        var participant = grains.GetGrain<IParticipantGrain>(Keys.Participant(target.MeetingId, participantId));
        var registered = fromDevice ? await participant.Rejoin(profile) : await participant.Register(profile);
        Require(!access.Removed.Contains(registered.ParticipantId), DomainError.Forbidden, "You were removed from this meeting.");
        var member = new MeetingMember(target.MeetingId, registered.ParticipantId, registered.DisplayName, registered.Role, target.BoardIds, access.KeyGeneration);
        return new Joined(member, checks.ExpiresAt(member, access));
    }

    /// <summary>Lower-case letters and digits without look-alikes: what meeting and participant ids are made of.</summary>
    public const string IdAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public const int IdLength = 12;

    /// <summary>A fresh id for a meeting or a participant.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    /// <summary>
    /// Signs a member into the pages with the cookie scheme. It lasts as long as a token does, or until
    /// <paramref name="expiresAt"/> when given (then it does not slide past it).
    /// </summary>
    public static Task SignInWithCookieAsync(HttpContext context, MeetingMember member, DateTimeOffset? expiresAt = null) =>
        context.SignInAsync(AccessSchemes.Cookie, member.ToPrincipal(AccessSchemes.Cookie),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = expiresAt, AllowRefresh = expiresAt is null ? null : false });

    private static void Require(bool holds, DomainError error, string detail)
    {
        if (!holds)
        {
            throw new DomainException(error, detail, "code");
        }
    }
}
