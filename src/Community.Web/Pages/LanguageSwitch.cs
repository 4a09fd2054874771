using Microsoft.AspNetCore.Localization;

namespace Community.Web.Pages;

/// <summary>/language/{code}?returnUrl=…: remembers the choice in the culture cookie and goes back to the page.</summary>
public static class LanguageSwitch
{
    /// <summary>Each language named in itself.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Choices = [("en", "English"), ("bg", "Български")];

    public static string Link(string code, string returnUrl) => $"/language/{code}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext context) =>
        {
            if (Choices.Any(choice => choice.Code == code))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            }

            // Only back to this site: an open redirect would let a link send people anywhere.
            var isLocal = returnUrl is ['/', not '/' and not '\\', ..] or "/";
            return Results.LocalRedirect(isLocal ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return endpoints;
    }
}
