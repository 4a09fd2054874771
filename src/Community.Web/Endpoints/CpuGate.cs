using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>
/// Bounds CPU-heavy work on one web node (decoding photos, rendering Markdown previews): a few at once, a short
/// queue, then 503 with Retry-After, so a burst of them cannot take the node from everyone else. Registered as keyed
/// singletons, one per kind of work.
/// </summary>
public sealed class CpuGate(int permits, int queue) : IDisposable
{
    public const string Photos = "photos";
    public const string Markdown = "markdown";

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permits,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A lease to hold while working; check <see cref="RateLimitLease.IsAcquired"/>.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <summary>503 with Retry-After: the work is fine, the node is busy with others like it.</summary>
    public static ProblemHttpResult Busy(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: Problems.TypeForStatus(StatusCodes.Status503ServiceUnavailable),
            title: "Busy: retry after the time in Retry-After.",
            detail: detail);
    }

    public void Dispose() => _limiter.Dispose();
}
