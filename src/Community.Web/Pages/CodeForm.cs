using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// The "enter a code" field of the home page, also shown by a join link whose code is mistyped or unknown: what was
/// typed, the problem next to the field, and the local page to come back to after joining.
/// </summary>
public sealed record CodeForm(string? Code, string? Error, string? ReturnUrl)
{
    /// <summary>The problem with a typed code as a sentence for the person, or null when a meeting or invite has it.</summary>
    public static async Task<string?> ProblemAsync(IGrainFactory grains, IStringLocalizer<PageText> texts, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return texts["Index.CodeRequired"].Value;
        }

        var code = Codes.Normalize(typed);
        // A mistyped code needs no grain to wake up.
        if (!Codes.IsWellFormed(code))
        {
            return texts["Index.CodeMalformed", Codes.Length].Value;
        }

        return await grains.GetGrain<ICodeGrain>(code).Resolve() is null ? texts["Join.UnknownText", code].Value : null;
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

    /// <summary>The meeting id of a local member page (<c>/m/{meetingId}/…</c>), else null.</summary>
    public static string? MeetingIdOf(string? localReturnUrl) =>
        localReturnUrl?.Split('/', '?', '#') is ["", "m", { Length: > 0 } meetingId, ..] ? meetingId : null;
}
