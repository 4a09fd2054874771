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

    /// <summary>
    /// Joins a meeting admits per period on average; a burst of <see cref="JoinBurst"/> passes at once. Above what a
    /// room scanning the QR code sends (2,000 phones in 10 s): the node's <see cref="JoinsInFlight"/> protects storage.
    /// </summary>
    public int JoinsPerPeriod { get; set; } = 250;

    public int JoinBurst { get; set; } = 500;

    /// <summary>Joins that wait their turn (a venue joining at once) before a join is told to retry later.</summary>
    public int JoinQueue { get; set; } = 2_000;

    /// <summary>
    /// Joins one web node works on at once; the rest wait in order (up to <see cref="JoinQueue"/>). Without a bound,
    /// a storm faster than storage piles activations up until they all time out together.
    /// </summary>
    public int JoinsInFlight { get; set; } = 100;

    /// <summary>Writes per period one participant may make on average: fast tapping passes, a script does not.</summary>
    public int WritesPerPeriod { get; set; } = 10;

    public int WriteBurst { get; set; } = 30;

    public int WriteQueue { get; set; } = 30;

    /// <summary>
    /// Unknown codes one address (an IPv6 /64) may try before it must wait: a person mistyping a few times passes,
    /// a guesser gets about one try per <see cref="FailedLookupPeriod"/>. Only failures count.
    /// </summary>
    public int FailedLookupBurst { get; set; } = 10;

    public TimeSpan FailedLookupPeriod { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Joins one address may make at once, on top of the per-meeting line: a full hall behind one NAT (600 phones)
    /// joins at once; after that <see cref="AddressJoinsPerPeriod"/> a period (120 a minute) for late arrivals.
    /// </summary>
    public int AddressJoinBurst { get; set; } = 600;

    public int AddressJoinsPerPeriod { get; set; } = 2;

    /// <summary>
    /// Imports (dry runs included) one directory account may send per <see cref="ImportWindow"/>: checking a file,
    /// fixing it and importing it pass; a script cannot keep the silos busy with 5,000-row files.
    /// </summary>
    public int ImportsPerMinutePerAccount { get; set; } = 10;

    public TimeSpan ImportWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The built-in rate limiter, partitioned as design.md says: creation per IP, joins per meeting, writes per participant, imports per directory account.</summary>
public static class RateLimits
{
    public const string MeetingCreation = "meeting-creation";
    public const string Writes = "participant-writes";
    public const string DirectoryImports = "directory-imports";

    /// <summary>A burst, then <paramref name="perPeriod"/> a period; beyond that a line of <paramref name="queue"/>, oldest first.</summary>
    internal static TokenBucketRateLimiterOptions TokenBucket(int burst, int perPeriod, TimeSpan period, int queue = 0) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    public static WebApplicationBuilder AddCommunityRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<JoinLimits>();
        builder.Services.AddRateLimiter(limiter =>
        {
            // Also on the /new page, whose form posts create meetings: showing the form costs nothing.
            limiter.AddPolicy(MeetingCreation, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress.PartitionKey(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.MeetingsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.AddPolicy(Writes, context => HttpMethods.IsGet(context.Request.Method) || MeetingMember.From(context.User) is not { } member
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetTokenBucketLimiter($"{member.MeetingId}/{member.ParticipantId}",
                    _ => TokenBucket(options.WriteBurst, options.WritesPerPeriod, options.ReplenishmentPeriod, options.WriteQueue)));
            limiter.AddPolicy(DirectoryImports, context => HttpMethods.IsGet(context.Request.Method) || DirectoryMember.From(context.User) is not { } account
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(
                    account.AccountId,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ImportsPerMinutePerAccount, Window = options.ImportWindow, QueueLimit = 0 }));
            limiter.OnRejected = (context, _) => new ValueTask(RejectAsync(context.HttpContext, context.Lease));
        });
        return builder;
    }

    /// <summary>429 with Retry-After in whole seconds (at least one, when the lease does not say) and a rate-limited problem.</summary>
    public static Task RejectAsync(HttpContext context, RateLimitLease lease) =>
        RejectAsync(context, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1));

    public static async Task RejectAsync(HttpContext context, TimeSpan retryAfter)
    {
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
/// The limits on every path that resolves a code (<c>POST /api/join</c>, the <c>/j/{code}</c> page and its form).
/// Failed lookups draw on a small bucket per address, and only failures do, so a venue behind one NAT joining with
/// the right code never meets it. Joins then pass two limiters chained: a venue-sized budget per address, and the
/// line per meeting (a burst passes, the rest wait their turn, beyond the line 429); then the node's bound on joins in
/// flight, whose lease is held until the join is done.
/// </summary>
public sealed class JoinLimits : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _failedLookups;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perMeeting;
    private readonly PartitionedRateLimiter<JoinTicket> _inFlight;
    private readonly PartitionedRateLimiter<JoinTicket> _joins;

    private readonly TimeSpan _failedLookupPeriod;

    public JoinLimits(RateLimitOptions options)
    {
        _failedLookupPeriod = options.FailedLookupPeriod;
        _failedLookups = BucketPerKey(RateLimits.TokenBucket(options.FailedLookupBurst, 1, options.FailedLookupPeriod));
        _perAddress = BucketPerKey(RateLimits.TokenBucket(options.AddressJoinBurst, options.AddressJoinsPerPeriod, options.ReplenishmentPeriod));
        _perMeeting = BucketPerKey(RateLimits.TokenBucket(options.JoinBurst, options.JoinsPerPeriod, options.ReplenishmentPeriod, options.JoinQueue));
        _inFlight = PartitionedRateLimiter.Create<JoinTicket, string>(_ => RateLimitPartition.GetConcurrencyLimiter("node", _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.JoinsInFlight,
            QueueLimit = options.JoinQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        _joins = PartitionedRateLimiter.CreateChained(
            _perAddress.WithTranslatedKey<JoinTicket>(ticket => ticket.Address, leaveOpen: true),
            _perMeeting.WithTranslatedKey<JoinTicket>(ticket => ticket.MeetingId, leaveOpen: true),
            _inFlight);
    }

    private sealed record JoinTicket(string Address, string MeetingId);

    private static PartitionedRateLimiter<string> BucketPerKey(TokenBucketRateLimiterOptions bucket) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));

    /// <summary>
    /// How long to wait when this address has used up its failed lookups; null when it may look up. (The bucket
    /// refills continuously, so a fraction of a token is not yet a try: whole permits count.)
    /// </summary>
    public TimeSpan? RefuseLookup(HttpContext context) =>
        _failedLookups.GetStatistics(ClientAddress.PartitionKey(context))?.CurrentAvailablePermits >= 1 ? null : _failedLookupPeriod;

    /// <summary>A code resolved to nothing: it costs this address one of its failed lookups.</summary>
    public void LookupFailed(HttpContext context) => _failedLookups.AttemptAcquire(ClientAddress.PartitionKey(context)).Dispose();

    /// <summary>Waits for this address's and this meeting's turn; a lease that was not acquired says when to retry.</summary>
    public ValueTask<RateLimitLease> WaitTurnAsync(HttpContext context, string meetingId) =>
        _joins.AcquireAsync(new JoinTicket(ClientAddress.PartitionKey(context), meetingId), 1, context.RequestAborted);

    public async ValueTask DisposeAsync()
    {
        await _joins.DisposeAsync();
        await _failedLookups.DisposeAsync();
        await _perAddress.DisposeAsync();
        await _perMeeting.DisposeAsync();
        await _inFlight.DisposeAsync();
    }
}

/// <summary>Who a rate limit counts: the client's address, an IPv6 client by its /64 (one home or phone network).</summary>
public static class ClientAddress
{
    public static string PartitionKey(HttpContext context) => PartitionKey(context.Connection.RemoteIpAddress);

    public static string PartitionKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }
}
