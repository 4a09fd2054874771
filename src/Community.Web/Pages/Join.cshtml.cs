using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>The join link: a display name (and a country if they like) makes a person a member, signed in by cookie.</summary>
public sealed class JoinModel(IGrainFactory grains, MeetingJoining joining, JoinQueue queue, IStringLocalizer<PageText> texts) : PageModel
{
    public const int MaxNameLength = 60;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public MeetingView? Meeting { get; private set; }

    public Role JoinsAs { get; private set; }

    public string? Name { get; private set; }

    public string? Country { get; private set; }

    public string? NameError { get; private set; }

    public string? CountryError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await FindMeetingAsync();
        return Meeting is null ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? country)
    {
        await FindMeetingAsync();
        if (Meeting is null)
        {
            return NotFoundPage();
        }

        if (Meeting.State == MeetingState.Closed)
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
        using var turn = await queue.WaitTurnAsync(Codes.Normalize(Code), HttpContext.RequestAborted);
        if (!turn.IsAcquired)
        {
            NameError = texts["Join.Busy"];
            var busy = Page();
            busy.StatusCode = StatusCodes.Status429TooManyRequests;
            return busy;
        }

        var member = await joining.JoinAsync(Code, Name!, Country);
        await MeetingJoining.SignInWithCookieAsync(HttpContext, member);
        return Redirect($"/m/{member.MeetingId}");
    }

    private async Task FindMeetingAsync()
    {
        var code = Codes.Normalize(Code);
        // A mistyped code is simply unknown; no grain needs to wake up for it.
        var target = Codes.IsWellFormed(code) ? await grains.GetGrain<ICodeGrain>(code).Resolve() : null;
        if (target is not null)
        {
            JoinsAs = target.Role;
            Meeting = await grains.GetGrain<IMeetingGrain>(target.MeetingId).Get();
        }
    }

    private PageResult NotFoundPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
