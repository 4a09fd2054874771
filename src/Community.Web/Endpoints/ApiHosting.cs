using System.Text.Json;
using System.Text.Json.Serialization;
using Community.Web.Directory;
using Community.Web.Feeds;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

public static class ApiHosting
{
    /// <summary>
    /// The JSON API v1: camelCase JSON with enums as camelCase strings (numbers and unknown names are refused), strict numbers,
    /// problem details with stable types for every error, and the rate limits.
    /// </summary>
    public static WebApplicationBuilder AddCommunityApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            AddEnumsAsStrings(options.SerializerOptions);
            // A number is a JSON number: "2" is refused, as the OpenAPI document then says.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Unreadable requests reach ProblemExceptionHandler, which names the field at fault.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                Problems.UseStableTypes(context);
            };
        });
        builder.Services.AddSingleton<PersonalFeed>();
        builder.AddCommunityRateLimits();
        builder.Services.AddSingleton<ActivityImporter>();
        return builder;
    }

    public static void AddEnumsAsStrings(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));

    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").WithMetadata(new RequestSizeLimitAttribute(ApiConventions.MaxJsonBodyBytes));
        api.MapMeetingEndpoints();
        api.MapJoinEndpoints();
        api.MapMembershipEndpoints();
        api.MapBoardEndpoints();
        api.MapCardEndpoints();
        api.MapListingEndpoints();
        api.MapModerationEndpoints();
        api.MapDirectoryAccountEndpoints();
        api.MapDirectoryEndpoints();
        api.MapCampaignEndpoints();
        api.MapFeedEndpoints();
        api.MapFiguresEndpoints();
        api.MapImportEndpoints();
        return endpoints;
    }
}
