using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// Where the console's figures form posts: read as the API reads its JSON (same checks, same field names), stored
/// through the listing (audited), then back to the console. Bad input comes back as each field's message here.
/// </summary>
public sealed class FiguresModel(IGrainFactory grains) : PageModel
{
    public string MeetingId { get; private set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IActionResult OnGet(string meetingId) => Redirect($"/m/{meetingId}/organise#figures-heading");

    public async Task<IActionResult> OnPostAsync(string meetingId)
    {
        MeetingId = meetingId;
        var form = Request.Form;
        var unreadable = new List<string>();
        var request = new FiguresRequest(
            Number(form["participants"], "participants", unreadable),
            Counts(form, "byAgeBand", FigureKeys.AgeBands, unreadable),
            Counts(form, "byGender", FigureKeys.Genders, unreadable));
        var (figures, validation) = FiguresEndpoints.Read(request);
        if (unreadable.Count > 0 || figures is null)
        {
            Errors = [.. unreadable, .. validation.Problem()?.ProblemDetails.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")) ?? []];
            return Page();
        }

        var organiser = MeetingMember.From(User)!.ActorIn(meetingId)!;
        await grains.GetGrain<IListingGrain>(meetingId).ReportFigures(organiser, figures);
        return Redirect($"/m/{meetingId}/organise?figures=saved#figures-heading");
    }

    /// <summary>The boxes of one breakdown that hold a number; empty boxes are not reported.</summary>
    private static Dictionary<string, int> Counts(IFormCollection form, string field, IEnumerable<string> keys, List<string> unreadable)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (Number(form[$"{field}.{key}"], $"{field}.{key}", unreadable) is { } count)
            {
                counts[key] = count;
            }
        }

        return counts;
    }

    private static int? Number(string? text, string field, List<string> unreadable)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        unreadable.Add($"{field}: a whole number.");
        return null;
    }
}
