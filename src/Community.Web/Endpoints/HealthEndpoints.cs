using Community.Grains.Abstractions;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Community.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary>
    /// Whether this web node can serve: the silo answers through its gateway, and the silo reaches storage. Silo,
    /// storage and the error's detail (which may name the storage address) only for operators
    /// (<see cref="SecurityHeaders.IsOperator"/>); everyone else gets the status alone.
    /// </summary>
    public sealed record HealthReport(string Status, string? Silo, string? Storage, string? Detail);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", CheckAsync)
            .WithName("Health")
            .WithSummary("Liveness, silo gateway and storage reachability")
            .WithTags("Health");
        return endpoints;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        IServiceProvider services, HttpContext context, IOptions<SecurityOptions> security, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(services, cancellationToken);
        if (!SecurityHeaders.IsOperator(context, security.Value))
        {
            report = new HealthReport(report.Status, null, null, null);
        }

        return report.Status == "healthy" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<HealthReport> ReportAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        SiloHealth health;
        try
        {
            // Resolved here, not injected: before the client has connected, resolving or calling it throws.
            var grains = services.GetRequiredService<IGrainFactory>();
            health = await grains.GetGrain<IHealthGrain>(0).Check().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthReport("unavailable", "unreachable", "unknown", exception.Message);
        }

        return health.StorageReachable
            ? new HealthReport("healthy", "reachable", "reachable", null)
            : new HealthReport("unavailable", "reachable", "unreachable", health.StorageError);
    }
}
