using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Web.Live;

public static class LiveHosting
{
    public const string HubPath = "/hubs/live";

    public static WebApplicationBuilder AddCommunityLive(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(LiveOptions.Section);
        builder.Services.Configure<LiveOptions>(section);
        var options = section.Get<LiveOptions>() ?? new LiveOptions();

        builder.Services.AddSignalR()
            .AddHubOptions<LiveHub>(hub =>
            {
                hub.MaximumReceiveMessageSize = options.MaximumReceiveMessageSize;
                hub.AddFilter<ConnectionCap>();
                hub.AddFilter<ConnectionRateLimitFilter>();
                hub.AddFilter<MemberCheckFilter>();
            })
            // Enum values as the HTTP API writes them ("votingClosed"), so a card reads the same from both.
            .AddJsonProtocol(json => ApiHosting.AddEnumsAsStrings(json.PayloadSerializerOptions))
            // For clients that ask for it (native apps, load tools): the same messages, smaller. The pages speak JSON
            // (docs/design.md says why).
            .AddMessagePackProtocol();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConnectionCap>();
        builder.Services.AddSingleton<ConnectionRateLimitFilter>();
        builder.Services.AddSingleton<MemberCheckFilter>();
        builder.Services.AddSingleton<BoardRelays>();

        // The request line logged at Information carries ?access_token=...: keep tokens out of logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }

    public static WebApplication MapCommunityLive(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.UseMiddleware<OriginGuard>());
        // Opening a connection needs a token that is still good (not removed, not revoked); each call is checked again.
        app.MapHub<LiveHub>(HubPath).RequireAuthorization(ValidMemberRequirement.PolicyName);
        var watchers = CommunityMetrics.ObserveWatchers(app.Services.GetRequiredService<BoardRelays>().Watchers);
        app.Lifetime.ApplicationStopped.Register(watchers.Dispose);
        return app;
    }
}
