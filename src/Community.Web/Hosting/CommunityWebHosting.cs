using Community.Operations;
using Community.Web.Access;
using Community.Web.Endpoints;
using Community.Web.Live;
using Community.Web.Pages;

namespace Community.Web.Hosting;

public static class CommunityWebHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Metrics for Prometheus, on loopback and apart from the public port (docs/operations.md).</summary>
    public const string DefaultOperationsUrl = "http://127.0.0.1:5180";

    public static WebApplicationBuilder AddCommunityWeb(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders().AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.WebHost.UseUrls(builder.Configuration["COMMUNITY_WEB_URL"] is { Length: > 0 } url ? url : DefaultUrl);
        builder.AddCommunityOperations(DefaultOperationsUrl);

        // Kestrel starts listening while the Orleans client is still looking for a silo, so /healthz can say 503.
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ServicesStartConcurrently = true;
            options.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });

        builder.AddCommunitySecurity();
        builder.AddCommunityClusterClient();
        builder.AddCommunityBlobs();
        builder.AddCommunityAccess();
        builder.AddCommunityApi();
        builder.AddCommunityPublishing();
        builder.AddCommunityLive();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddCommunityPages();
        builder.AddCommunityDelivery();
        return builder;
    }

    public static WebApplication MapCommunityWeb(this WebApplication app)
    {
        app.MapCommunityOperations();
        app.UseCommunitySecurity();
        app.UseCommunityDelivery();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCommunityAccess();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapCommunityApi();
        app.MapCommunityPublishing();
        app.MapCommunityLive();
        app.MapCommunityPages();
        return app;
    }
}
