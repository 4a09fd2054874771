using System.Globalization;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace Community.Web.Pages;

public static class PagesHosting
{
    /// <summary>The cultures with a complete resource file; the first is the fallback.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "bg"];

    public static WebApplicationBuilder AddCommunityPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddSingleton<ModuleGraph>();
        builder.Services.AddSingleton<PageJson>();
        builder.Services.Configure<DirectoryPageOptions>(builder.Configuration.GetSection(DirectoryPageOptions.Section));
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizePage("/Board", MeetingRoleRequirement.PolicyName(Role.Participant));
            options.Conventions.AuthorizePage("/Projector", MeetingRoleRequirement.PolicyName(Role.Participant));
            options.Conventions.AuthorizePage("/Organise", MeetingRoleRequirement.PolicyName(Role.Organiser));
            options.Conventions.AuthorizePage("/Topic", MeetingRoleRequirement.PolicyName(Role.Participant));
            options.Conventions.AuthorizePage("/SummaryDesk", MeetingRoleRequirement.PolicyName(Role.Organiser));
            options.Conventions.AuthorizePage("/Invites", MeetingRoleRequirement.PolicyName(Role.Organiser));
            options.Conventions.AuthorizePage("/Figures", MeetingRoleRequirement.PolicyName(Role.Organiser));
            options.Conventions.AuthorizePage("/People", MeetingRoleRequirement.PolicyName(Role.Facilitator));
            options.Conventions.AddPageApplicationModelConvention("/Moderate", page =>
                page.EndpointMetadata.Add(DirectoryRoleEndpointExtensions.DirectoryPolicy(DirectoryRole.Moderator, DirectoryRole.CampaignOwner)));
            options.Conventions.AddPageApplicationModelConvention("/New", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.MeetingCreation)));
            options.Conventions.AddPageApplicationModelConvention("/DirectoryImport", page =>
            {
                page.EndpointMetadata.Add(DirectoryRoleEndpointExtensions.DirectoryPolicy(DirectoryRole.Organisation, DirectoryRole.CampaignOwner));
                page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.DirectoryImports));
            });
        }).AddViewLocalization();
        // A member of another meeting (or a participant at the organiser's door) is told why, not sent to a 404.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(AccessSchemes.Cookie, options => options.AccessDeniedPath = "/denied");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(language => new CultureInfo(language)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The language switch sets the cookie; without it the browser's Accept-Language decides.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static WebApplication MapCommunityPages(this WebApplication app)
    {
        app.UseRequestLocalization();
        // Files in wwwroot (and the browser libraries the project file adds from node_modules), fingerprinted at build:
        // pages link the fingerprinted URLs, which are cached as immutable for a year.
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapQrCodeEndpoint();
        app.MapLanguageSwitch();
        return app;
    }
}
