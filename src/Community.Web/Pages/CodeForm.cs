using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// The "enter a code" field of the home page, also shown by a join link whose code is mistyped or unknown: what was
/// typed, the problem next to the field, and the local page to come back to after joining.
/// </summary>
public sealed record CodeForm(string? Code, string? Error, string? ReturnUrl)
{
    /// <summary>
    /// The problem with a typed code (or invite token) as a sentence for the person, or null when it opens a
    /// meeting. An unknown code drains the address's allowance of failed lookups, as the API's joins do.
    /// </summary>
    public static async Task<string?> ProblemAsync(MeetingJoining joining, JoinLimits limits, HttpContext context, IStringLocalizer<PageText> texts, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return texts["Index.CodeRequired"].Value;
        }

        if (await joining.ResolveAsync(typed) is not null)
        {
            return null;
        }

        limits.LookupFailed(context);
        var code = Codes.Normalize(typed);
        return Codes.IsWellFormed(code) ? texts["Join.UnknownText", code].Value : texts["Index.CodeMalformed", Codes.Length].Value;
    }
}

/// <summary>
/// Where to go after joining. A member page opened before joining sends the person to the home page with the page as
/// <c>ReturnUrl</c> (the cookie scheme's login path); the join flow carries it along and comes back to it. Only a
/// path on this site is followed: absolute URLs, <c>//host</c> and <c>/\host</c> are refused (an open redirect would
/// let a link that looks like ours lead people to a look-alike site).
/// </summary>
public static class ReturnUrls
{
    /// <summary>The URL when it is local to this site, else null.</summary>
    public static string? Local(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl : null;

    /// <summary>The join link for a code, carrying a local return URL.</summary>
    public static string JoinPath(string code, string? localReturnUrl) =>
        $"/j/{Uri.EscapeDataString(code)}" + (localReturnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(localReturnUrl)}");
}
