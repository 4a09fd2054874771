using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// Creates a meeting with its date, time zone and place; its creator becomes the organiser, signed in by cookie,
/// and lands on the console.
/// </summary>
public sealed class NewMeetingModel(IGrainFactory grains, IStringLocalizer<PageText> texts) : PageModel
{
    [BindProperty]
    public MeetingDetailsForm Form { get; set; } = new();

    [BindProperty]
    public string? OrganiserName { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserText.Line(OrganiserName) ?? "";
        if (name.Length is 0 or > JoinModel.MaxNameLength)
        {
            ModelState.AddModelError(nameof(OrganiserName), texts["Join.NameInvalid", JoinModel.MaxNameLength]);
        }

        if (Form.Read(ModelState, nameof(Form), texts) is not { } details || !ModelState.IsValid)
        {
            return Page();
        }

        var meetingId = MeetingJoining.NewId();
        var created = await grains.GetGrain<IMeetingGrain>(meetingId).Create(details);
        // The meeting grain registered the organiser; the cookie carries the name they gave.
        var organiser = new MeetingMember(meetingId, created.OrganiserId, name, Role.Organiser, []);
        await MeetingJoining.SignInWithCookieAsync(HttpContext, organiser);
        return Redirect($"/m/{meetingId}/organise");
    }
}
