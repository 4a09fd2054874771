using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>The home page: enter a code. A code that is short, mistyped or unknown is said next to the field.</summary>
public sealed class IndexModel(MeetingJoining joining, JoinLimits limits, IStringLocalizer<PageText> texts) : PageModel
{
    /// <summary>The page to come back to after joining (see <see cref="ReturnUrls"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public CodeForm Form { get; private set; } = new(null, null, null);

    // A member page opened before joining comes back after joining; the code itself is for the room to give (it is
    // shown only to members and on the projector), so it is not filled in here.
    public void OnGet() => Form = new CodeForm(null, null, ReturnUrls.Local(Url, ReturnUrl));

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var returnUrl = ReturnUrls.Local(Url, ReturnUrl);
        // Guessing codes through this form is limited like every other path that resolves a code.
        if (limits.RefuseLookup(HttpContext) is { } retryAfter)
        {
            await RateLimits.RejectAsync(HttpContext, retryAfter);
            return new EmptyResult();
        }

        if (await CodeForm.ProblemAsync(joining, limits, HttpContext, texts, code) is { } problem)
        {
            Form = new CodeForm(code, problem, returnUrl);
            return Page();
        }

        return Redirect(ReturnUrls.JoinPath(InviteTokens.NormalizeLookup(code!), returnUrl));
    }
}
