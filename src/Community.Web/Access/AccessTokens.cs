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
    public string Issue(MeetingMember member)
    {
        var options = bearerOptions.Get(AccessSchemes.Bearer);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(member.ToPrincipal(AccessSchemes.Bearer), properties, AccessSchemes.Bearer);
        return options.BearerTokenProtector.Protect(ticket);
    }
}
