using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>Creates a meeting; its creator becomes the organiser, signed in by cookie, and lands on the console.</summary>
public sealed class NewMeetingModel(IGrainFactory grains, IStringLocalizer<PageText> texts) : PageModel
{
    public const int MaxTitleLength = 120;

    public sealed class MeetingForm
    {
        public string? Title { get; set; }
        public string? OrganiserName { get; set; }
        public string? City { get; set; }
        public string? Country { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty]
    public MeetingForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var title = UserText.Line(Form.Title) ?? "";
        var name = UserText.Line(Form.OrganiserName) ?? "";
        var country = string.IsNullOrWhiteSpace(Form.Country) ? null : Form.Country.Trim().ToUpperInvariant();
        if (title.Length is 0 or > MaxTitleLength)
        {
            ModelState.AddModelError("Form.Title", texts["New.TitleInvalid", MaxTitleLength]);
        }

        if (name.Length is 0 or > JoinModel.MaxNameLength)
        {
            ModelState.AddModelError("Form.OrganiserName", texts["Join.NameInvalid", JoinModel.MaxNameLength]);
        }

        if (country is not null && !CountryCodes.IsValid(country))
        {
            ModelState.AddModelError("Form.Country", texts["Join.CountryInvalid"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = new MeetingDetails
        {
            Title = title,
            City = UserText.Line(Form.City) is { Length: > 0 } city ? city : null,
            Country = country,
            Description = UserText.Lines(Form.Description) ?? "",
        };
        var meetingId = MeetingJoining.NewId();
        var created = await grains.GetGrain<IMeetingGrain>(meetingId).Create(details);
        // The meeting grain registered the organiser; the cookie carries the name they gave.
        var organiser = new MeetingMember(meetingId, created.OrganiserId, name, Role.Organiser, []);
        await MeetingJoining.SignInWithCookieAsync(HttpContext, organiser);
        return Redirect($"/m/{meetingId}/organise");
    }
}
