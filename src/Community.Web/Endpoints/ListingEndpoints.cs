using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>What the organiser says about a meeting's public listing (the meeting's own details stay on the meeting).</summary>
public sealed record ListingRequest(
    MeetingFormat? Format,
    AttendanceMode? Attendance,
    int? MinAge,
    int? MaxAge,
    GeoPoint? Location,
    int? Capacity,
    string? ImageUrl,
    string? Campaign,
    decimal? Price,
    string? OrganiserName)
{
    public string? ImageUrl { get; init; } = UserText.Line(ImageUrl) is { Length: > 0 } url ? url : null;

    public string? Campaign { get; init; } = UserText.Line(Campaign) is { Length: > 0 } slug ? slug : null;

    public string? OrganiserName { get; init; } = UserText.Line(OrganiserName) is { Length: > 0 } name ? name : null;

    public ListingDetails ToDetails() => new()
    {
        Format = Format ?? MeetingFormat.OpenSpace,
        Attendance = Attendance ?? AttendanceMode.InPerson,
        MinAge = MinAge,
        MaxAge = MaxAge,
        Location = Location,
        Capacity = Capacity,
        ImageUrl = ImageUrl,
        CampaignSlug = Campaign,
        Price = Price,
        OrganiserName = OrganiserName,
    };
}

/// <summary>The organiser's side of a meeting's public listing: its details and the steps of its review.</summary>
public static partial class ListingEndpoints
{
    public const int MaxAge = 120;
    public const int MaxCapacity = 1_000_000;
    public const int MaxPrice = 100_000;
    public const int ImageUrlMaxLength = 2_000;
    public const int OrganiserNameMaxLength = 120;

    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var listing = endpoints.MapGroup("/api/meetings/{meetingId}/listing").WithTags("Listing")
            .RequireMeetingRole(Role.Organiser);

        listing.MapGet("", GetAsync)
            .WithName("GetListing")
            .WithSummary("Organiser: the meeting's listing, its review (with a rejection's reason) and its audit trail")
            .ProducesReadProblems();

        listing.MapPut("", UpdateAsync)
            .WithName("UpdateListing")
            .WithSummary("Organiser: set the listing's format, attendance, ages, position, capacity, image, campaign, price and organiser name")
            .ProducesWriteProblems();

        listing.MapPost("/submit", (Caller caller, IGrainFactory grains) => Step(grains, caller, (grain, actor) => grain.Submit(actor)))
            .WithName("SubmitListing")
            .WithSummary("Organiser: ask for the meeting to be listed publicly; moderators of its country (and campaign) review it")
            .ProducesWriteProblems();

        listing.MapPost("/withdraw", (Caller caller, IGrainFactory grains) => Step(grains, caller, (grain, actor) => grain.Withdraw(actor)))
            .WithName("WithdrawListing")
            .WithSummary("Organiser: make the meeting private again; it leaves every list at once")
            .ProducesWriteProblems();

        listing.MapPost("/cancel", (Caller caller, IGrainFactory grains) => Step(grains, caller, (grain, actor) => grain.Cancel(actor)))
            .WithName("CancelListing")
            .WithSummary("Organiser: the event will not take place; it stays listed as cancelled")
            .ProducesWriteProblems();

        return endpoints;
    }

    /// <summary>The edge's checks of a listing's values, each naming its field as the JSON body spells it.</summary>
    internal static Validation Validate(Validation validation, ListingRequest request) =>
        validation
            .Range("minAge", request.MinAge, 0, MaxAge)
            .Range("maxAge", request.MaxAge, 0, MaxAge)
            .Check(request.MinAge is not { } min || request.MaxAge is not { } max || min <= max, "maxAge", "Not below minAge.")
            .Check(request.Location is not { } at || (double.IsFinite(at.Latitude) && at.Latitude is >= -90 and <= 90), "location.latitude", "Between -90 and 90.")
            .Check(request.Location is not { } on || (double.IsFinite(on.Longitude) && on.Longitude is >= -180 and <= 180), "location.longitude", "Between -180 and 180.")
            .Range("capacity", request.Capacity, 1, MaxCapacity)
            .Check(request.Price is null or >= 0 and <= MaxPrice, "price", $"Between 0 and {MaxPrice}.")
            .Check(request.ImageUrl is null || (request.ImageUrl.Length <= ImageUrlMaxLength
                && Uri.TryCreate(request.ImageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps), "imageUrl",
                $"An absolute https link of at most {ImageUrlMaxLength} characters.")
            .Check(request.Campaign is null || CampaignSlug().IsMatch(request.Campaign), "campaign", "A campaign's slug: 3-60 of a-z, 0-9 and '-'.")
            .Text("organiserName", request.OrganiserName, OrganiserNameMaxLength);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")]
    private static partial Regex CampaignSlug();

    public static IListingGrain Listing(this IGrainFactory grains, string meetingId) => grains.GetGrain<IListingGrain>(meetingId);

    private static async Task<Ok<ListingView>> GetAsync(string meetingId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Listing(meetingId).Get());

    private static async Task<Results<Ok<ListingView>, ValidationProblem>> UpdateAsync(
        string meetingId, ListingRequest request, Caller caller, IGrainFactory grains)
    {
        if (Validate(new Validation(), request).Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Listing(meetingId).Update(caller.Actor, request.ToDetails()));
    }

    private static async Task<Ok<ListingView>> Step(IGrainFactory grains, Caller caller, Func<IListingGrain, Actor, Task<ListingView>> step) =>
        TypedResults.Ok(await step(grains.Listing(caller.Member.MeetingId), caller.Actor));
}
