using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Community.Web.Pages;
using Microsoft.Extensions.Options;

namespace Community.Web.Hosting;

/// <summary>
/// Settings of the edge, bound from "Community:Security" (e.g. <c>Community__Security__Https=true</c>).
/// See docs/security.md for why each default is what it is.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Community:Security";

    /// <summary>
    /// The site is served over HTTPS (directly or behind a TLS proxy): HSTS, forwarded headers from the known proxies,
    /// and Secure cookies. Unset: on when ASPNETCORE_ENVIRONMENT is Production, off otherwise.
    /// </summary>
    public bool? Https { get; set; }

    /// <summary>Proxies (besides loopback) whose X-Forwarded-For/-Proto/-Host are believed, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// Callers from these networks (CIDR) see /healthz's detail (storage address, error text); everyone else gets
    /// the status only. Loopback always does: the operator on the machine, or a local health probe.
    /// </summary>
    public string[] OperatorNetworks { get; set; } = [];

    /// <summary>Origins allowed to frame the projector page (e.g. a venue's signage player); other pages may not be framed.</summary>
    public string[] ProjectorFrameAncestors { get; set; } = [];

    /// <summary>HSTS max-age; a year, as browsers' preload lists expect.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool UsesHttps(IHostEnvironment environment) => Https ?? environment.IsProduction();
}

/// <summary>
/// The edge every response passes: forwarded headers (so the rate limiter and /healthz see the real client and
/// cookies know the request came over TLS), HSTS, and the security headers (CSP, frame-ancestors, nosniff,
/// Referrer-Policy) on every response, pages, API, files and errors alike.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Everything from this site only; images may also be data: URIs and the directory map's tiles (from the
    /// configured tile server, <see cref="DirectoryPageOptions.TileSource"/>); no plugins, no foreign forms or bases.
    /// </summary>
    private static string Policy(string? tiles) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'";

    public static WebApplicationBuilder AddCommunitySecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        builder.Services.Configure<SecurityOptions>(section);
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();
        // Always on, trusting only loopback and the proxies named: behind ./run.sh --cluster's proxy (plain HTTP on
        // loopback) and behind a TLS proxy alike, limits per address see the visitor, not the proxy.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        if (!options.UsesHttps(builder.Environment))
        {
            return builder;
        }

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = options.HstsMaxAge;
            hsts.ExcludedHosts.Clear();
        });
        builder.Services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.Always);
        return builder;
    }

    /// <summary>First in the pipeline, so that every later middleware, and every response, is covered.</summary>
    public static WebApplication UseCommunitySecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        app.UseForwardedHeaders();
        if (options.UsesHttps(app.Environment))
        {
            app.UseHsts();
            app.UseCookiePolicy();
        }

        var projectorAncestors = options.ProjectorFrameAncestors is [_, ..] ? string.Join(' ', options.ProjectorFrameAncestors) : "'none'";
        var common = Policy(app.Services.GetRequiredService<IOptions<DirectoryPageOptions>>().Value.TileSource());
        var policy = $"{common}; frame-ancestors 'none'";
        var projectorPolicy = $"{common}; frame-ancestors {projectorAncestors}";
        app.Use((context, next) =>
        {
            // Set as the response starts: the exception handler clears headers set before it re-executes.
            context.Response.OnStarting(() =>
            {
                var path = context.Request.Path;
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = IsProjector(path) ? projectorPolicy : policy;
                headers.XContentTypeOptions = "nosniff";
                // Join links and meeting pages carry codes and ids in their address: those never leave in a Referer.
                headers["Referrer-Policy"] = path.StartsWithSegments("/j") || path.StartsWithSegments("/m")
                    ? "no-referrer"
                    : "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<ApiOriginGuard>());
        return app;
    }

    /// <summary>/m/{meetingId}/b/{boardId}/projector.</summary>
    private static bool IsProjector(PathString path) =>
        path.StartsWithSegments("/m") && path.Value!.EndsWith("/projector", StringComparison.Ordinal);

    /// <summary>Whether the caller (after forwarded headers) is on this machine or in a configured operator network.</summary>
    public static bool IsOperator(HttpContext context, SecurityOptions options) =>
        context.Connection.RemoteIpAddress is { } address
        && (IPAddress.IsLoopback(address)
            || options.OperatorNetworks.Any(network => System.Net.IPNetwork.Parse(network).Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
}
