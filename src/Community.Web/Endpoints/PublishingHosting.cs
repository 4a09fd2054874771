namespace Community.Web.Endpoints;

/// <summary>What comes out of a meeting: photos and media, the summary and the exports.</summary>
public static class PublishingHosting
{
    public static WebApplicationBuilder AddCommunityPublishing(this WebApplicationBuilder builder)
    {
        builder.AddCommunityPhotos();
        builder.Services.AddKeyedSingleton(CpuGate.Markdown, new CpuGate(SummaryEndpoints.ConcurrentPreviews, SummaryEndpoints.PreviewQueue));
        return builder;
    }

    public static IEndpointRouteBuilder MapCommunityPublishing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPhotoEndpoints();
        endpoints.MapSummaryEndpoints();
        endpoints.MapExportEndpoints();
        return endpoints;
    }
}
