using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Community.Web.Access;

/// <summary>
/// Issues the bearer tokens that <see cref="AccessSchemes.Bearer"/> accepts: the handler's own ticket format,
/// protected with its own Data Protection purpose, so tokens are ASP.NET Core's, not a home-made format.
/// Issued here rather than through SignIn because the API returns the token inside its own response records.
/// </summary>
public sealed class AccessTokens(IOptionsMonitor<BearerTokenOptions> bearerOptions, IOptions<AccessOptions> accessOptions, TimeProvider time)
{
    /// <summary>A token that lives as long as the configured token lifetime.</summary>
    public string Issue(MeetingMember member) =>
        Issue(member, time.GetUtcNow() + bearerOptions.Get(AccessSchemes.Bearer).BearerTokenExpiration);

    /// <summary>A token that expires at <paramref name="expiresAt"/> (see <see cref="MemberChecks.ExpiresAt"/>).</summary>
    public string Issue(MeetingMember member, DateTimeOffset expiresAt) => Issue(member.ToPrincipal(AccessSchemes.Bearer), expiresAt);

    /// <summary>A directory account's token: it lives <see cref="AccessOptions.DirectoryTokenLifetime"/>.</summary>
    public string Issue(DirectoryMember account) =>
        Issue(account.ToPrincipal(AccessSchemes.Bearer), time.GetUtcNow() + accessOptions.Value.DirectoryTokenLifetime);

    /// <summary>The account a directory token stands for; null if it is not a valid, unexpired directory token.</summary>
    public DirectoryMember? ReadDirectoryToken(string token)
    {
        var ticket = bearerOptions.Get(AccessSchemes.Bearer).BearerTokenProtector.Unprotect(token);
        return ticket?.Properties.ExpiresUtc > time.GetUtcNow() ? DirectoryMember.From(ticket.Principal) : null;
    }

    private string Issue(System.Security.Claims.ClaimsPrincipal principal, DateTimeOffset expiresAt)
    {
        var options = bearerOptions.Get(AccessSchemes.Bearer);
        var properties = new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = expiresAt };
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, AccessSchemes.Bearer));
    }
}
