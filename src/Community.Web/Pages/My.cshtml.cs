using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Feeds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// "My meetings" (/my): what this browser saved from the directory and the private calendar link that lists them.
/// "Add to my calendar" buttons elsewhere post here; the link works in any calendar app without a sign-in.
/// </summary>
public sealed class MyModel(PersonalFeed feed) : PageModel
{
    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];

    public int Saved { get; private set; }

    public string FeedUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var deviceId = DeviceCookie.Ensure(HttpContext);
        Saved = (await feed.Saved(deviceId).List()).Count;
        Entries = await feed.EntriesAsync(deviceId);
        FeedUrl = $"{FeedEndpoints.Site(Request)}{PersonalFeed.Path(feed.Token(deviceId)).TrimStart('/')}";
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? meetingId, string? returnTo)
    {
        if (!string.IsNullOrEmpty(meetingId))
        {
            await feed.Saved(DeviceCookie.Ensure(HttpContext)).Save(meetingId);
        }

        return LocalRedirect(returnTo is not null && Url.IsLocalUrl(returnTo) ? returnTo : "/my");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? meetingId)
    {
        if (!string.IsNullOrEmpty(meetingId))
        {
            await feed.Saved(DeviceCookie.Ensure(HttpContext)).Remove(meetingId);
        }

        return LocalRedirect("/my");
    }
}
