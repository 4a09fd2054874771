using System.Globalization;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// The organiser's console: the meeting's details (Organise.Details.cs), the join code and QR code, invites
/// (<see cref="InvitesViewComponent"/>), and new boards.
/// </summary>
public sealed partial class OrganiseModel(IGrainFactory grains, IStringLocalizer<PageText> texts) : PageModel
{
    public sealed class BoardForm
    {
        public BoardKind Kind { get; set; } = BoardKind.OpenSpace;
        public string? Title { get; set; }
        /// <summary>One slot a line: "10:00-10:45 Round 1".</summary>
        public string? Slots { get; set; }
        /// <summary>One space a line: "Room A" or "Room A, 20".</summary>
        public string? Spaces { get; set; }
        public string? Region { get; set; }
        /// <summary>ISO 3166-1 alpha-2 codes separated by commas or spaces.</summary>
        public string? Countries { get; set; }
        public int DotsPerParticipant { get; set; } = 3;
        public int MaxDotsPerCard { get; set; } = 1;

        public bool HideDotsWhileVoting { get; set; }
    }

    [BindProperty]
    public BoardForm Form { get; set; } = new();

    public MeetingView Meeting { get; private set; } = null!;

    public string JoinLink { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(string meetingId) => ShowAsync(meetingId);

    public async Task<IActionResult> OnPostBoardAsync(string meetingId)
    {
        var definition = ReadBoardForm(await MeetingPages.FindMeetingAsync(grains, meetingId));
        if (definition is not null)
        {
            try
            {
                await grains.GetGrain<IMeetingGrain>(meetingId).AddBoard(Organiser(meetingId), definition);
                return Redirect($"/m/{meetingId}/organise");
            }
            catch (DomainException exception)
            {
                ModelState.AddModelError(exception.Field ?? "", exception.Message);
            }
        }

        return await ShowAsync(meetingId);
    }

    private async Task<IActionResult> ShowAsync(string meetingId)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        Meeting = meeting;
        Details ??= MeetingDetailsForm.From(meeting);
        Listing = await grains.Listing(meetingId).Get();
        ListingFields ??= ListingForm.From(Listing.Details);
        JoinLink = JoinLinks.For(Request, meeting.JoinCode);
        return Page();
    }

    // The page's authorization policy let only this meeting's organiser in.
    private Actor Organiser(string meetingId) => MeetingMember.From(User)!.ActorIn(meetingId)!;

    private BoardDefinition? ReadBoardForm(MeetingView? meeting)
    {
        var title = UserText.Line(Form.Title) ?? "";
        var region = UserText.Line(Form.Region) ?? "";
        if (title.Length is 0 or > 120)
        {
            ModelState.AddModelError("Form.Title", texts["Organise.TitleInvalid"]);
        }

        // Slot times are typed as the room's clock shows them: in the meeting's time zone, on its first day.
        var details = meeting?.Details ?? new MeetingDetails();
        var zone = MeetingTime.ZoneOf(details);
        var day = MeetingTime.FirstDay(details);
        var slots = Lines(Form.Slots).Select((line, index) => ParseSlot(line, index, day, zone)).ToList();
        var spaces = Lines(Form.Spaces).Select(ParseSpace).ToList();
        var countries = (Form.Countries ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(code => code.ToUpperInvariant()).Distinct().ToList();
        if (slots.Contains(null))
        {
            ModelState.AddModelError("Form.Slots", texts["Organise.SlotsInvalid"]);
        }

        if (countries.Any(code => !CountryCodes.IsValid(code)))
        {
            ModelState.AddModelError("Form.Countries", texts["Join.CountryInvalid"]);
        }

        if (Form.Kind == BoardKind.Glocal && region.Length == 0)
        {
            ModelState.AddModelError("Form.Region", texts["Organise.RegionRequired"]);
        }

        if (Form.DotsPerParticipant is < 1 or > 20 || Form.MaxDotsPerCard is < 1 or > 20)
        {
            ModelState.AddModelError("Form.DotsPerParticipant", texts["Organise.DotsInvalid"]);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var isGlocal = Form.Kind == BoardKind.Glocal;
        return new BoardDefinition
        {
            Kind = Form.Kind,
            Title = title,
            Slots = isGlocal ? [] : slots.OfType<Slot>().ToList(),
            Spaces = isGlocal ? [] : spaces,
            Region = isGlocal ? new Region(region, countries) : null,
            DotsPerParticipant = Form.DotsPerParticipant,
            MaxDotsPerCard = Form.MaxDotsPerCard,
            HideDotsWhileVoting = Form.HideDotsWhileVoting,
        };
    }

    /// <summary>Each line of a text area, normalised as shown text (<see cref="UserText"/>); blank lines dropped.</summary>
    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => UserText.Line(line)!).Where(line => line.Length > 0);

    /// <summary>
    /// "10:00-10:45 Round 1" on the meeting's first day in its time zone, or "2026-12-06 10:00-10:45 Round 1" on
    /// another day; null when the times do not read.
    /// </summary>
    private static Slot? ParseSlot(string line, int index, DateOnly firstDay, TimeZoneInfo zone)
    {
        var day = firstDay;
        if (line.IndexOf(' ') is var dateEnd and > 0
            && DateOnly.TryParseExact(line[..dateEnd], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = date;
            line = line[(dateEnd + 1)..].Trim();
        }

        var (times, label) = line.IndexOf(' ') is var space and > 0 ? (line[..space], line[(space + 1)..].Trim()) : (line, "");
        var parts = times.Split('-', '–');
        if (parts.Length != 2
            || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var start)
            || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return null;
        }

        return new Slot($"slot{index + 1}", MeetingTime.At(day, start, zone), MeetingTime.At(day, end, zone), label.Length > 0 ? label : $"{start:HH\\:mm}–{end:HH\\:mm}");
    }

    private static Space ParseSpace(string line, int index)
    {
        var parts = line.Split(',', 2, StringSplitOptions.TrimEntries);
        int? capacity = parts.Length == 2 && int.TryParse(parts[1], out var seats) ? seats : null;
        return new Space($"space{index + 1}", parts[0], capacity, null);
    }
}
