using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>The home page: enter a code. A code that is short, mistyped or unknown is said next to the field.</summary>
public sealed class IndexModel(IGrainFactory grains, MeetingJoining joining, JoinLimits limits, IStringLocalizer<PageText> texts) : PageModel
{
    /// <summary>The page to come back to after joining (see <see cref="ReturnUrls"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public CodeForm Form { get; private set; } = new(null, null, null);

    public async Task OnGetAsync()
    {
        var returnUrl = ReturnUrls.Local(Url, ReturnUrl);
        // A member page of a meeting opened before joining: its join code is public (the meeting page shows it).
        var meeting = ReturnUrls.MeetingIdOf(returnUrl) is { } meetingId ? await MeetingPages.FindMeetingAsync(grains, meetingId) : null;
        Form = new CodeForm(meeting?.JoinCode, null, returnUrl);
    }

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
