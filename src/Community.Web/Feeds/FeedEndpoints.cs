using Community.Grains.Abstractions;
using Community.Web.Directory;
using Community.Web.Endpoints;

namespace Community.Web.Feeds;

/// <summary>
/// The public calendar feeds (docs/campaigns.md): one listed meeting, a campaign's activities, and any directory
/// query. Only approved listings are ever in a feed; cancelled ones stay, marked cancelled.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>The most events one feed holds, soonest first.</summary>
    public const int MaxEvents = 2_000;

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feeds = endpoints.MapGroup("").WithTags("Feeds");
        feeds.MapGet("/m/{meetingId}.ics", MeetingAsync)
            .WithName("MeetingCalendar").WithSummary("A listed meeting as iCalendar (404 unless it is approved for the directory)")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblems(StatusCodes.Status404NotFound);
        feeds.MapGet("/c/{slug}.ics", CampaignAsync)
            .WithName("CampaignCalendar").WithSummary("A campaign's listed activities as iCalendar")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblems(StatusCodes.Status404NotFound);
        feeds.MapGet("/meetings.ics", DirectoryAsync)
            .WithName("DirectoryCalendar").WithSummary("Any directory query as iCalendar: the same query string as /meetings (up to 2,000 events, soonest first)")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        feeds.MapGet("/feeds/{token}.ics", PersonalAsync)
            .WithName("PersonalCalendar").WithSummary("A browser's saved meetings as iCalendar, behind the private token its /my page shows")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static Uri Site(HttpRequest request) => new($"{request.Scheme}://{request.Host}");

    private static async Task<IResult> MeetingAsync(string meetingId, IGrainFactory grains, HttpContext context)
    {
        var entry = await grains.GetGrain<IListingGrain>(meetingId).PublicEntry()
            ?? throw new DomainException(DomainError.NotFound, $"Meeting {meetingId} is not listed.", "meetingId");
        return ListingCalendar.Result([entry], Site(context.Request), entry.Title);
    }

    private static async Task<IResult> CampaignAsync(string slug, IGrainFactory grains, HttpContext context)
    {
        var campaign = await grains.GetGrain<ICampaignGrain>(slug).Get();
        var entries = await grains.GetGrain<IDirectoryGrain>(0).Entries(new DirectoryQuery { Campaign = slug }, MaxEvents);
        return ListingCalendar.Result(entries, Site(context.Request), campaign.Details.Title);
    }

    private static async Task<IResult> DirectoryAsync(HttpRequest request, IGrainFactory grains)
    {
        if (!DirectoryFilters.TryParse(request.Query, out var query, out var problems))
        {
            return Problems.Validation(problems);
        }

        return ListingCalendar.Result(await grains.GetGrain<IDirectoryGrain>(0).Entries(query, MaxEvents), Site(request), "Community directory");
    }

    private static async Task<IResult> PersonalAsync(string token, PersonalFeed feed, HttpContext context)
    {
        var deviceId = feed.DeviceOf(token) ?? throw new DomainException(DomainError.NotFound, "No such feed.", "token");
        return ListingCalendar.Result(await feed.EntriesAsync(deviceId), Site(context.Request), "My meetings");
    }
}
