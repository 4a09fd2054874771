using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>A waiting listing with what a moderator needs to decide: the meeting's details and its listing.</summary>
public sealed record ModerationItem(PendingListing Pending, MeetingView? Meeting, ListingView Listing);

/// <summary>A decision with the title of its meeting, if the meeting is still there.</summary>
public sealed record ModerationTrailItem(ModerationDecision Decision, string? Title);

/// <summary>
/// The moderation desk (directory cookie): the listings waiting in the account's queues, each with Approve and a
/// Reject form with a reason, and the recent decisions below. Forms that work without script.
/// </summary>
public sealed class ModerateModel(IGrainFactory grains, IStringLocalizer<PageText> texts) : PageModel
{
    public const int RecentDecisions = 20;

    public Moderator Moderator { get; private set; } = null!;

    public IReadOnlyList<ModerationItem> Queue { get; private set; } = [];

    public IReadOnlyList<ModerationTrailItem> Decisions { get; private set; } = [];

    /// <summary>Why the last decision was refused (out of scope, already decided, a reason missing).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The meeting whose reject form had the fault.</summary>
    public string? RefusedMeetingId { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    /// <summary>When a listing was submitted or decided: moderators work across zones, so in UTC.</summary>
    public static string Utc(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public Task<IActionResult> OnPostApproveAsync(string meetingId) =>
        DecideAsync(meetingId, moderator => grains.Listing(meetingId).Approve(moderator));

    public Task<IActionResult> OnPostRejectAsync(string meetingId, string? reason)
    {
        reason = UserText.Lines(reason);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ModerationEndpoints.ReasonMaxLength)
        {
            Refusal = texts["Moderate.ReasonInvalid", ModerationEndpoints.ReasonMaxLength];
            RefusedMeetingId = meetingId;
            return ShowAsync();
        }

        return DecideAsync(meetingId, moderator => grains.Listing(meetingId).Reject(moderator, reason));
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AccessSchemes.DirectoryCookie);
        return Redirect(AccessSchemes.DirectorySignInPath);
    }

    private async Task<IActionResult> DecideAsync(string meetingId, Func<Moderator, Task<ListingView>> decide)
    {
        if (ModeratorOf() is not { } moderator)
        {
            return Forbid();
        }

        try
        {
            await decide(moderator);
            return Redirect("/moderate");
        }
        catch (DomainException exception) when (exception.Error is DomainError.Forbidden or DomainError.Conflict or DomainError.NotFound or DomainError.Invalid)
        {
            Refusal = exception.Message;
            RefusedMeetingId = meetingId;
            return await ShowAsync();
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (ModeratorOf() is not { } moderator)
        {
            return Forbid();
        }

        Moderator = moderator;
        var pending = await grains.PendingFor(moderator);
        Queue = await Task.WhenAll(pending.Select(async item => new ModerationItem(
            item, await MeetingPages.FindMeetingAsync(grains, item.MeetingId), await grains.Listing(item.MeetingId).Get())));
        var decisions = await grains.DecisionsFor(moderator, RecentDecisions);
        Decisions = await Task.WhenAll(decisions.Select(async decision => new ModerationTrailItem(
            decision, (await MeetingPages.FindMeetingAsync(grains, decision.MeetingId))?.Details.Title)));
        return Page();
    }

    // The page's policy let in only moderators and campaign owners.
    private Moderator? ModeratorOf() => DirectoryMember.From(User)?.AsModerator();
}
