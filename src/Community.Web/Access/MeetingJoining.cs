using System.Security.Cryptography;
using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Authentication;

namespace Community.Web.Access;

/// <summary>
/// Turns a join code or an invite code into a new member of its meeting. The API then returns a token for the
/// member (<see cref="AccessTokens"/>); the pages sign them in with a cookie (<see cref="SignInWithCookieAsync"/>).
/// </summary>
public sealed class MeetingJoining(IGrainFactory grains, TimeProvider time)
{
    /// <summary>NotFound (on field "code") when no meeting or invite has this code, as typed (see <see cref="Codes.Normalize"/>).</summary>
    public async Task<MeetingMember> JoinAsync(string code, string displayName, string? country)
    {
        var target = await grains.GetGrain<ICodeGrain>(Codes.Normalize(code)).Resolve()
            ?? throw new DomainException(DomainError.NotFound, "No meeting or invite has this code.", "code");
        var member = new MeetingMember(target.MeetingId, NewId(), displayName, target.Role, target.BoardIds);
        var profile = new ParticipantProfile(member.ParticipantId, displayName, country, target.Role, time.GetUtcNow());
        await grains.GetGrain<IParticipantGrain>(Keys.Participant(member.MeetingId, member.ParticipantId)).Register(profile);
        return member;
    }

    /// <summary>A fresh id for a meeting or a participant: 12 characters of lower-case letters and digits without look-alikes.</summary>
    public static string NewId() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);

    /// <summary>Signs a member into the pages with the cookie scheme; it lasts as long as a token does.</summary>
    public static Task SignInWithCookieAsync(HttpContext context, MeetingMember member) =>
        context.SignInAsync(AccessSchemes.Cookie, member.ToPrincipal(AccessSchemes.Cookie), new AuthenticationProperties { IsPersistent = true });
}
