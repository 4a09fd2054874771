using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

public sealed record RejectListingRequest(string? Reason)
{
    public string? Reason { get; init; } = UserText.Lines(Reason);
}

/// <summary>
/// Moderation: a moderator sees the queues of their countries, a campaign owner the queue of their campaign; the
/// listing grain decides whether a decision is in the caller's scope (403 otherwise).
/// </summary>
public static class ModerationEndpoints
{
    public const int ReasonMaxLength = 500;
    public const int DefaultDecisions = 50;
    public const int MaxDecisions = 500;

    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var moderation = endpoints.MapGroup("").WithTags("Moderation")
            .RequireDirectoryRole(DirectoryRole.Moderator, DirectoryRole.CampaignOwner);

        moderation.MapGet("/api/moderation/queue", QueueAsync)
            .WithName("GetModerationQueue")
            .WithSummary("Moderator or campaign owner: the listings waiting in the caller's queues, oldest first")
            .ProducesReadProblems();

        moderation.MapGet("/api/moderation/decisions", DecisionsAsync)
            .WithName("GetModerationDecisions")
            .WithSummary("Moderator or campaign owner: the decisions taken in the caller's queues, newest first (?limit=1-500)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        moderation.MapPost("/api/meetings/{meetingId}/listing/approve", ApproveAsync)
            .WithName("ApproveListing")
            .WithSummary("Moderator in scope (country or campaign): list the meeting publicly")
            .ProducesWriteProblems();

        moderation.MapPost("/api/meetings/{meetingId}/listing/reject", RejectAsync)
            .WithName("RejectListing")
            .WithSummary("Moderator in scope: refuse the listing with a reason (1-500 characters) the organiser sees")
            .ProducesWriteProblems();

        return endpoints;
    }

    /// <summary>The moderation queues a directory account decides for.</summary>
    public static IReadOnlyList<IModerationQueueGrain> QueuesOf(this IGrainFactory grains, Moderator moderator) =>
    [
        .. moderator.Countries.Select(country => grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCountry(country))),
        .. moderator.CampaignSlug is { } campaign ? [grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCampaign(campaign))] : Array.Empty<IModerationQueueGrain>(),
    ];

    /// <summary>Every listing waiting in the moderator's queues, once each, oldest first.</summary>
    public static async Task<IReadOnlyList<PendingListing>> PendingFor(this IGrainFactory grains, Moderator moderator)
    {
        var queues = await Task.WhenAll(grains.QueuesOf(moderator).Select(queue => queue.Pending()));
        return [.. queues.SelectMany(queue => queue).DistinctBy(item => item.MeetingId).OrderBy(item => item.SubmittedAt)];
    }

    /// <summary>The decisions of the moderator's queues, newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<ModerationDecision>> DecisionsFor(this IGrainFactory grains, Moderator moderator, int limit)
    {
        var queues = await Task.WhenAll(grains.QueuesOf(moderator).Select(queue => queue.Decisions(limit)));
        return [.. queues.SelectMany(queue => queue).Distinct().OrderByDescending(item => item.Decision.At).Take(limit)];
    }

    private static Moderator ModeratorOf(HttpContext context) =>
        DirectoryMember.From(context.User)?.AsModerator() ?? throw new DomainException(DomainError.Forbidden, "This account moderates nothing.");

    private static async Task<Ok<IReadOnlyList<PendingListing>>> QueueAsync(HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.PendingFor(ModeratorOf(context)));

    private static async Task<Results<Ok<IReadOnlyList<ModerationDecision>>, ValidationProblem>> DecisionsAsync(HttpContext context, IGrainFactory grains, int? limit)
    {
        if (new Validation().Range("limit", limit, 1, MaxDecisions).Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.DecisionsFor(ModeratorOf(context), limit ?? DefaultDecisions));
    }

    private static async Task<Ok<ListingView>> ApproveAsync(string meetingId, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IListingGrain>(meetingId).Approve(ModeratorOf(context)));

    private static async Task<Results<Ok<ListingView>, ValidationProblem>> RejectAsync(
        string meetingId, RejectListingRequest request, HttpContext context, IGrainFactory grains)
    {
        if (new Validation().Text("reason", request.Reason, ReasonMaxLength, required: true).Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IListingGrain>(meetingId).Reject(ModeratorOf(context), request.Reason!));
    }
}
