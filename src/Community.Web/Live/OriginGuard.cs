using Microsoft.Extensions.Options;

namespace Community.Web.Live;

/// <summary>
/// Refuses the hub to pages of other sites: browsers send cookies and open WebSockets cross-site without CORS
/// checks, so the Origin header is the only thing that tells a foreign page apart. Clients that send no Origin
/// (apps, tests, servers) are not browsers acting for someone else and pass; the token still decides.
/// </summary>
internal sealed class OriginGuard(RequestDelegate next, IOptions<LiveOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origins = context.Request.Headers.Origin;
        if (origins.Count == 0 || (origins.Count == 1 && IsAllowed(origins.ToString(), context.Request, options.Value.AllowedOrigins)))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>The request's own host, or one of the allowed origins (also used by the API's guard).</summary>
    internal static bool IsAllowed(string origin, HttpRequest request, IEnumerable<string> allowedOrigins) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || allowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)));
}
