using Community.Web.Access;
using Community.Web.Endpoints;
using Community.Web.Live;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Community.Web.Hosting;

/// <summary>
/// Cross-site request forgery on /api: the pages call the API with their cookie, and a browser attaches that cookie
/// to a form or multipart POST that another site's page sends. Such a request is refused (403) unless the browser
/// says it comes from this site: <c>Origin</c> is this host (or a configured front end), or
/// <c>Sec-Fetch-Site: same-origin</c>. Requests with a bearer token, safe methods, and requests without the
/// cookie (nothing to forge) pass; the API's own checks decide those.
/// </summary>
internal sealed class ApiOriginGuard(
    RequestDelegate next,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    IOptions<LiveOptions> live,
    IProblemDetailsService problems)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Headers.Authorization.Count > 0
            || !request.Cookies.ContainsKey(cookies.Get(AccessSchemes.Cookie).Cookie.Name!)
            || IsSameSite(request))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = Problems.TypeForStatus(StatusCodes.Status403Forbidden),
                Title = "You may not do this.",
                Detail = "A request with this site's cookie must come from this site's pages; other clients send a bearer token.",
            },
        }).AsTask();
    }

    private bool IsSameSite(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 1)
        {
            return OriginGuard.IsAllowed(origins.ToString(), request, live.Value.AllowedOrigins);
        }

        return origins.Count == 0 && request.Headers["Sec-Fetch-Site"] == "same-origin";
    }
}
