using System.Globalization;
using System.Threading.RateLimiting;
using Community.Web.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Community.Web.Endpoints;

/// <summary>Limits from configuration section <c>Community:RateLimits</c>, so tests and venues can change them.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Community:RateLimits";

    /// <summary>Meetings one IP address may create per minute.</summary>
    public int MeetingsPerMinutePerAddress { get; set; } = 10;

    /// <summary>How often the token buckets of joins and writes are refilled.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Joins a meeting admits per period on average; a burst of <see cref="JoinBurst"/> passes at once.</summary>
    public int JoinsPerPeriod { get; set; } = 100;

    public int JoinBurst { get; set; } = 200;

    /// <summary>Joins that wait their turn (a venue joining at once) before a join is told to retry later.</summary>
    public int JoinQueue { get; set; } = 2_000;

    /// <summary>Writes per period one participant may make on average: fast tapping passes, a script does not.</summary>
    public int WritesPerPeriod { get; set; } = 10;

    public int WriteBurst { get; set; } = 30;

    public int WriteQueue { get; set; } = 30;
}

/// <summary>The built-in rate limiter, partitioned as design.md says: creation per IP, joins per meeting, writes per participant.</summary>
public static class RateLimits
{
    public const string MeetingCreation = "meeting-creation";
    public const string Writes = "participant-writes";

    public static WebApplicationBuilder AddCommunityRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<JoinQueue>();
        builder.Services.AddRateLimiter(limiter =>
        {
            // Also on the /new page, whose form posts create meetings: showing the form costs nothing.
            limiter.AddPolicy(MeetingCreation, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.MeetingsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.AddPolicy(Writes, context => HttpMethods.IsGet(context.Request.Method) || MeetingMember.From(context.User) is not { } member
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetTokenBucketLimiter($"{member.MeetingId}/{member.ParticipantId}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.WriteBurst,
                    TokensPerPeriod = options.WritesPerPeriod,
                    ReplenishmentPeriod = options.ReplenishmentPeriod,
                    QueueLimit = options.WriteQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            limiter.OnRejected = (context, _) => new ValueTask(RejectAsync(context.HttpContext, context.Lease));
        });
        return builder;
    }

    /// <summary>429 with Retry-After in whole seconds (at least one, when the lease does not say) and a rate-limited problem.</summary>
    public static async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests: retry after the time in Retry-After." },
        });
    }
}

/// <summary>
/// Joins pass per meeting (by code, which the rate limiter middleware cannot see: it is in the body), so a venue
/// behind one NAT address joins together: a burst passes, the rest wait in line, beyond the line 429.
/// </summary>
public sealed class JoinQueue(RateLimitOptions options) : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(code =>
        RateLimitPartition.GetTokenBucketLimiter(code, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.JoinBurst,
            TokensPerPeriod = options.JoinsPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = options.JoinQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    /// <summary>Waits for this code's turn; a lease that was not acquired says when to retry.</summary>
    public ValueTask<RateLimitLease> WaitTurnAsync(string code, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(code, 1, cancellationToken);

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
