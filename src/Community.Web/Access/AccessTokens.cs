using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Community.Web.Access;

/// <summary>
/// Issues the bearer tokens that <see cref="AccessSchemes.Bearer"/> accepts: the handler's own ticket format,
/// protected with its own Data Protection purpose, so tokens are ASP.NET Core's, not a home-made format.
/// Issued here rather than through SignIn because the API returns the token inside its own response records.
/// </summary>
public sealed class AccessTokens(IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
{
    /// <summary>A token that lives as long as the configured token lifetime.</summary>
    public string Issue(MeetingMember member) =>
        Issue(member, time.GetUtcNow() + bearerOptions.Get(AccessSchemes.Bearer).BearerTokenExpiration);

    /// <summary>A token that expires at <paramref name="expiresAt"/> (see <see cref="MemberChecks.ExpiresAt"/>).</summary>
    public string Issue(MeetingMember member, DateTimeOffset expiresAt)
    {
        var options = bearerOptions.Get(AccessSchemes.Bearer);
        var properties = new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(member.ToPrincipal(AccessSchemes.Bearer), properties, AccessSchemes.Bearer);
        return options.BearerTokenProtector.Protect(ticket);
    }
}
