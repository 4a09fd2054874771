using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Web.Access;

/// <summary>
/// Access to meetings, for endpoints, the hub and the pages.
/// <list type="bullet">
/// <item>Who: <see cref="MeetingMember"/> (meeting, participant, display name, <see cref="Role"/>, boards of a
/// board-limited facilitator). <c>MeetingMember.From(user)</c> reads it from any authenticated user;
/// <c>member.ActorIn(meetingId, boardId)</c> gives the <see cref="Actor"/> for grains, or null for another meeting.</item>
/// <item>Issuing: <see cref="MeetingJoining.JoinAsync"/> turns a join or invite code into a member;
/// <see cref="AccessTokens.Issue"/> gives the API's bearer token; <see cref="MeetingJoining.SignInWithCookieAsync"/>
/// signs a member into the pages.</item>
/// <item>Requiring: <c>.RequireMeetingRole(Role.Facilitator)</c> on an endpoint or group with a {meetingId} route
/// value (and optionally {boardId}) gives 401 without a valid token or cookie and 403 for another meeting or a lower
/// role (the organiser may do all a facilitator may). The handler then takes a <see cref="Caller"/> parameter.
/// Razor Pages may use <c>[Authorize(Policy = MeetingRoleRequirement.PolicyName(role))]</c> the same way.</item>
/// <item>Schemes (<see cref="AccessSchemes"/>): <c>Authorization: Bearer</c> for the API, <c>?access_token=</c> for
/// /hubs/*, the cookie otherwise. Unauthenticated /api and /hubs calls get 401/403, never a redirect.</item>
/// <item>Revocation (<see cref="MemberChecks"/>): every role check and every cookie is checked against the meeting
/// grain's removals, key generation and end (cached for a moment), so a removed member is refused on every node.</item>
/// <item>Directory accounts (<see cref="DirectoryMember"/>: moderator, organisation, campaign owner) hold a bearer
/// token of the same handler without a meeting claim, and on pages a cookie of their own
/// (<see cref="AccessSchemes.DirectoryCookie"/>). <c>.RequireDirectoryRole(DirectoryRole.Moderator, ...)</c> guards
/// an endpoint; <see cref="AccessTokens.Issue(DirectoryMember)"/> issues the token.</item>
/// <item>Keys: Data Protection under one application name with its key ring in the "dataprotection" blob
/// container, so every web node reads every token and cookie, across restarts.</item>
/// </list>
/// </summary>
public static class AccessHosting
{
    private const string ApplicationName = "community";

    public static WebApplicationBuilder AddCommunityAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var accessSection = builder.Configuration.GetSection(AccessOptions.Section);
        services.Configure<AccessOptions>(accessSection);
        var accessOptions = accessSection.Get<AccessOptions>() ?? new AccessOptions();
        var tokenLifetime = accessOptions.TokenLifetime;

        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<BlobServiceClient>((options, blobs) =>
                options.XmlRepository = new BlobXmlRepository(blobs.GetBlobContainerClient(BlobXmlRepository.ContainerName)));

        services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Bearer token or cookie", options =>
                options.ForwardDefaultSelector = context => CarriesToken(context.Request) ? AccessSchemes.Bearer : AccessSchemes.Cookie)
            .AddBearerToken(AccessSchemes.Bearer, options =>
            {
                options.BearerTokenExpiration = tokenLifetime;
                options.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs")
                        && context.Request.Query[AccessSchemes.QueryToken] is [{ Length: > 0 } token])
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                };
            })
            .AddCookie(AccessSchemes.Cookie, options =>
            {
                options.Cookie.Name = "community";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = tokenLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = "/";
                options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
                // A removed member, or one from before the meeting revoked all tokens, is signed out at once.
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (MeetingMember.From(context.Principal) is { } member
                        && !await context.HttpContext.RequestServices.GetRequiredService<MemberChecks>().IsValidAsync(member))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
                    }
                };
            })
            .AddCookie(AccessSchemes.DirectoryCookie, options =>
            {
                options.Cookie.Name = "community-directory";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = accessOptions.DirectoryTokenLifetime;
                options.SlidingExpiration = false;
                options.LoginPath = AccessSchemes.DirectorySignInPath;
                options.AccessDeniedPath = AccessSchemes.DirectorySignInPath;
                options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
            });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in Enum.GetValues<Role>())
        {
            authorization.AddPolicy(MeetingRoleRequirement.PolicyName(role), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new MeetingRoleRequirement(role)));
        }

        authorization.AddPolicy(ValidMemberRequirement.PolicyName, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new ValidMemberRequirement()));

        services.AddSingleton<IAuthorizationHandler, MeetingRoleHandler>();
        services.AddSingleton<IAuthorizationHandler, ValidMemberHandler>();
        services.AddSingleton<IAuthorizationHandler, DirectoryRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusalResultHandler>();
        services.AddSingleton<MemberChecks>();
        services.AddSingleton<DirectoryAccountChecks>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<MeetingJoining>();
        services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication UseCommunityAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static bool CarriesToken(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Query.ContainsKey(AccessSchemes.QueryToken);

    private static bool IsApiOrHub(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    /// <summary>Machines get a status code (which becomes problem details); people get sent to the join page.</summary>
    private static Task RespondOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiOrHub(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
