using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary>Whether this web node can serve: the silo answers through its gateway, and the silo reaches storage.</summary>
    public sealed record HealthReport(string Status, string Silo, string Storage, string? Detail);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", CheckAsync)
            .WithName("Health")
            .WithSummary("Liveness, silo gateway and storage reachability")
            .WithTags("Health");
        return endpoints;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
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
            return Unavailable(new HealthReport("unavailable", "unreachable", "unknown", exception.Message));
        }

        return health.StorageReachable
            ? TypedResults.Ok(new HealthReport("healthy", "reachable", "reachable", null))
            : Unavailable(new HealthReport("unavailable", "reachable", "unreachable", health.StorageError));
    }

    private static JsonHttpResult<HealthReport> Unavailable(HealthReport report) =>
        TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
}
