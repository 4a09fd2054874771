using System.Text;
using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

public sealed record SummaryDraftRequest(string? Markdown);

public sealed record SummaryPreviewResponse(string Html);

/// <summary>
/// The organiser's summary: the Markdown draft, its generation from the boards, a preview rendered exactly as it
/// will publish (the same <see cref="MarkdownRenderer"/> the silo publishes with), publishing and the versions.
/// The published summary is public: the page at /m/{meetingId}/summary (Pages/Summary) and the Markdown here.
/// </summary>
public static class SummaryEndpoints
{
    // 200,000 characters of JSON-escaped non-Latin text (up to 6 bytes each) fit.
    private const long MaxRequestBytes = SummaryDraft.MaxMarkdownLength * 6L + 1024;

    /// <summary>Previews rendered at once on one web node, and previews waiting for a turn before 503.</summary>
    public const int ConcurrentPreviews = 2, PreviewQueue = 4;

    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var summary = endpoints.MapGroup("/api/meetings/{meetingId}/summary")
            .WithTags("Summary")
            .RequireMeetingRole(Role.Organiser)
            .RequireRateLimiting(RateLimits.Writes)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        summary.MapGet("", (string meetingId, Caller caller, IGrainFactory grains) => Summary(grains, meetingId).GetDraft(caller.Actor))
            .WithName("GetSummaryDraft").WithSummary("Organiser: the Markdown draft")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        summary.MapPut("", SaveDraftAsync)
            .WithName("SaveSummaryDraft").WithSummary("Organiser: replace the Markdown draft (at most 200,000 characters)").ProducesWriteProblems();
        summary.MapPost("/draft", (string meetingId, Caller caller, IGrainFactory grains) => Summary(grains, meetingId).GenerateDraft(caller.Actor))
            .WithName("GenerateSummaryDraft").WithSummary("Organiser: replace the draft with one generated from the meeting's boards, notes and photos")
            .ProducesWriteProblems();
        summary.MapPost("/preview", PreviewAsync)
            .WithName("PreviewSummary").WithSummary("Organiser: the HTML this Markdown publishes as (changes nothing); 503 with Retry-After when the node is busy rendering")
            .ProducesWriteProblems();
        summary.MapPost("/publish", (string meetingId, Caller caller, IGrainFactory grains) => Summary(grains, meetingId).Publish(caller.Actor))
            .WithName("PublishSummary").WithSummary("Organiser: render and publish the draft as a new version; earlier versions stay")
            .ProducesWriteProblems();
        summary.MapGet("/versions", (string meetingId, IGrainFactory grains) => Summary(grains, meetingId).ListVersions())
            .WithName("ListSummaryVersions").WithSummary("Organiser: every published version, oldest first")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        endpoints.MapGet("/m/{meetingId}/summary.md", PublishedMarkdownAsync)
            .WithName("GetPublishedSummaryMarkdown").WithSummary("The published summary as Markdown (latest, or ?version=n); 404 until published")
            .WithTags("Summary")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static ISummaryGrain Summary(IGrainFactory grains, string meetingId) => grains.GetGrain<ISummaryGrain>(meetingId);

    private static async Task<Results<Ok<SummaryDraft>, ValidationProblem>> SaveDraftAsync(
        string meetingId, SummaryDraftRequest request, Caller caller, IGrainFactory grains)
    {
        if (ValidateMarkdown(request) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await Summary(grains, meetingId).SaveDraft(caller.Actor, request.Markdown!));
    }

    private static Task<Results<Ok<SummaryPreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        SummaryDraftRequest request, HttpContext context, [FromKeyedServices(CpuGate.Markdown)] CpuGate renderers, CancellationToken cancellationToken) =>
        RenderPreviewAsync(request.Markdown, SummaryDraft.MaxMarkdownLength, context, renderers, cancellationToken);

    /// <summary>
    /// A preview of Markdown someone is typing (a summary, a topic's notes), checked as it would be when saved.
    /// Rendered here on the web node, a few at a time (CpuGate), so typing fast cannot take the node.
    /// </summary>
    internal static async Task<Results<Ok<SummaryPreviewResponse>, ValidationProblem, ProblemHttpResult>> RenderPreviewAsync(
        string? markdown, int maxLength, HttpContext context, CpuGate renderers, CancellationToken cancellationToken)
    {
        if (ValidateMarkdown(new Validation(), markdown, maxLength).Problem() is { } problem)
        {
            return problem;
        }

        using var lease = await renderers.EnterAsync(cancellationToken);
        if (!lease.IsAcquired)
        {
            return CpuGate.Busy(context, "Many previews are being rendered right now; the next keystroke will try again.");
        }

        return MarkdownRenderer.TryToHtml(markdown!, out var html)
            ? TypedResults.Ok(new SummaryPreviewResponse(html))
            : Problems.Validation(new Dictionary<string, string[]> { ["markdown"] = ["This Markdown cannot be rendered."] });
    }

    /// <summary>Required, at most 200,000 characters and within <see cref="MarkdownLimits"/>.</summary>
    private static ValidationProblem? ValidateMarkdown(SummaryDraftRequest request) =>
        ValidateMarkdown(new Validation(), request.Markdown, SummaryDraft.MaxMarkdownLength).Problem();

    /// <summary>Markdown someone saves: required, within its length, and within <see cref="MarkdownLimits"/> so it renders cheaply.</summary>
    internal static Validation ValidateMarkdown(Validation validation, string? markdown, int maxLength)
    {
        validation.Required("markdown", markdown).Text("markdown", markdown, maxLength);
        return markdown is null || markdown.Length > maxLength || MarkdownLimits.Refusal(markdown) is not { } refusal
            ? validation
            : validation.Check(false, "markdown", refusal);
    }

    private static async Task<IResult> PublishedMarkdownAsync(string meetingId, int? version, IGrainFactory grains)
    {
        if (await Summary(grains, meetingId).GetPublished(version) is not { } published)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.TypeForStatus(StatusCodes.Status404NotFound),
                title: "This meeting has no published summary yet.");
        }

        return TypedResults.Text(published.Markdown, "text/markdown; charset=utf-8", Encoding.UTF8);
    }
}
