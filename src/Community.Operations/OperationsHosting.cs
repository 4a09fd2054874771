using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Community.Operations;

/// <summary>
/// What operators look at, apart from the public routes: OpenTelemetry metrics (ours, Orleans', ASP.NET Core's and the
/// runtime's) scraped by Prometheus at <see cref="MetricsPath"/>, and whatever else a host marks with
/// <see cref="OnlyOnOperationsPort{TBuilder}"/> (the silo's Orleans dashboard). They answer only on a listener of their
/// own, <c>COMMUNITY_OPERATIONS_URL</c>, loopback by default; on every other port they are 404, and that listener
/// serves nothing else.
/// </summary>
public static class OperationsHosting
{
    public const string UrlSetting = "COMMUNITY_OPERATIONS_URL";
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' own meter: grain calls, activations, messaging, on silos and clients alike.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Adds the metrics and the operations listener (<c>COMMUNITY_OPERATIONS_URL</c>, else <paramref name="defaultUrl"/>)
    /// to the URLs Kestrel already listens on. Call after the host has set its public URL, if it has one.
    /// </summary>
    public static WebApplicationBuilder AddCommunityOperations(this WebApplicationBuilder builder, string defaultUrl)
    {
        var url = builder.Configuration[UrlSetting] is { Length: > 0 } configured ? configured : defaultUrl;
        var port = BindingAddress.Parse(url).Port;
        var publicUrls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls ? urls.Split(';') : [];
        if (port == 0 || publicUrls.Any(publicUrl => BindingAddress.Parse(publicUrl).Port == port))
        {
            throw new InvalidOperationException($"{UrlSetting} ({url}) needs a fixed port of its own, apart from the public one.");
        }

        builder.WebHost.UseUrls([.. publicUrls, url]);
        builder.Services.AddSingleton(new OperationsListener(port));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CommunityMetrics.MeterName, OrleansMeter)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Keeps operations endpoints and the public routes apart (first in the pipeline, so nothing else runs for a refused
    /// request) and maps the Prometheus scrape endpoint.
    /// </summary>
    public static WebApplication MapCommunityOperations(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<OperationsListener>().Port;
        app.Use((context, next) =>
        {
            var onOperationsPort = context.Connection.LocalPort == port;
            var isOperationsEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<OperationsEndpoint>() is not null;
            if (onOperationsPort != isOperationsEndpoint)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath).OnlyOnOperationsPort();
        return app;
    }

    /// <summary>Marks endpoints that answer only on the operations listener.</summary>
    public static TBuilder OnlyOnOperationsPort<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(OperationsEndpoint.Instance);

    private sealed record OperationsListener(int Port);

    private sealed class OperationsEndpoint
    {
        public static readonly OperationsEndpoint Instance = new();
    }
}
