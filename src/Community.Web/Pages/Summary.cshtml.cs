using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// The published summary of a meeting: public, 404 until published. The HTML was rendered and sanitised once at
/// publishing; the page only places it, with Open Graph tags so a shared link shows its title and description.
/// </summary>
public sealed class SummaryModel(IGrainFactory grains) : PageModel
{
    public PublishedSummary Summary { get; private set; } = null!;

    public int LatestVersion { get; private set; }

    public string CanonicalUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string meetingId, int? version)
    {
        var summary = grains.GetGrain<ISummaryGrain>(meetingId);
        if (await summary.GetPublished(version) is not { } published)
        {
            return NotFound();
        }

        Summary = published;
        LatestVersion = (await summary.ListVersions()).Count;
        CanonicalUrl = $"{Request.Scheme}://{Request.Host}/m/{Uri.EscapeDataString(meetingId)}/summary";
        return Page();
    }
}
