using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// The join link of a meeting's code or of an invite: a display name (and a country if they like) makes a person a
/// member, signed in by cookie. The same limits as the API: failed lookups per address, joins per address and meeting.
/// </summary>
public sealed class JoinModel(IGrainFactory grains, MeetingJoining joining, JoinLimits limits, IStringLocalizer<PageText> texts) : PageModel
{
    public const int MaxNameLength = 60;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    /// <summary>The page to come back to after joining (see <see cref="ReturnUrls"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? LocalReturnUrl => ReturnUrls.Local(Url, ReturnUrl);

    /// <summary>When no meeting has the code: the code field again, with what is wrong next to it.</summary>
    public CodeForm? CodeProblem { get; private set; }

    public MeetingView? Meeting { get; private set; }

    public Role JoinsAs { get; private set; }

    /// <summary>Set when this code is an invite that no longer joins anyone (expired, used up, revoked).</summary>
    public string? Unusable { get; private set; }

    public string? Name { get; private set; }

    public string? Country { get; private set; }

    public string? NameError { get; private set; }

    public string? CountryError { get; private set; }

    private CodeTarget? Target { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindMeetingAsync() is { } refused)
        {
            return refused;
        }

        DeviceCookie.Ensure(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? country)
    {
        if (await FindMeetingAsync() is { } refused)
        {
            return refused;
        }

        if (Meeting!.State == MeetingState.Closed)
        {
            return Page(); // says the meeting is closed; nobody is joined
        }

        Name = UserText.Line(name);
        Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        NameError = string.IsNullOrEmpty(Name) || Name.Length > MaxNameLength ? texts["Join.NameInvalid", MaxNameLength].Value : null;
        CountryError = Country is null || CountryCodes.IsValid(Country) ? null : texts["Join.CountryInvalid"].Value;
        if (NameError is not null || CountryError is not null)
        {
            return Page();
        }

        // The same line as the API's joins: a whole venue joining at once waits its turn rather than overwhelming the meeting.
        using var turn = await limits.WaitTurnAsync(HttpContext, Meeting.MeetingId);
        if (!turn.IsAcquired)
        {
            NameError = texts["Join.Busy"];
            return WithStatus(StatusCodes.Status429TooManyRequests);
        }

        try
        {
            var joined = await joining.JoinAsync(Target!, Name!, Country, DeviceCookie.Ensure(HttpContext));
            await MeetingJoining.SignInWithCookieAsync(HttpContext, joined.Member, joined.ExpiresAt);
            return Redirect(LocalReturnUrl ?? $"/m/{joined.Member.MeetingId}");
        }
        catch (DomainException refusal) when (refusal.Error is DomainError.InviteUnusable or DomainError.Forbidden or DomainError.MeetingClosed)
        {
            Unusable = refusal.Error == DomainError.InviteUnusable ? texts["Join.InviteUnusable"] : texts["Join.Refused"];
            return WithStatus(refusal.Error == DomainError.InviteUnusable ? StatusCodes.Status410Gone : StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>
    /// Null when the code opens a meeting; otherwise the page to answer with: 429 for a guesser, the code field with
    /// its problem for an unknown code, 410 for an unusable invite.
    /// </summary>
    private async Task<IActionResult?> FindMeetingAsync()
    {
        if (limits.RefuseLookup(HttpContext) is { } retryAfter)
        {
            await RateLimits.RejectAsync(HttpContext, retryAfter);
            return new EmptyResult();
        }

        Target = await joining.ResolveAsync(Code);
        if (Target is null)
        {
            CodeProblem = new CodeForm(Code, await CodeForm.ProblemAsync(joining, limits, HttpContext, texts, Code), LocalReturnUrl);
            return WithStatus(StatusCodes.Status404NotFound); // the code field with its problem, for people; 404 for machines
        }

        JoinsAs = Target.Role;
        Meeting = await grains.GetGrain<IMeetingGrain>(Target.MeetingId).Get();
        if (Target.InviteId is null && Target.Role != Role.Participant)
        {
            Unusable = texts["Join.InviteUnusable"];
            return WithStatus(StatusCodes.Status410Gone);
        }

        return null;
    }

    private PageResult WithStatus(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
