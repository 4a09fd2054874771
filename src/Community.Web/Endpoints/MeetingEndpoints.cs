using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>A meeting's details, as the organiser writes them; all optional but the title.</summary>
public sealed record CreateMeetingRequest(
    string? Title,
    string? Description,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? TimeZone,
    string? City,
    string? Country,
    string? OnlineLink,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Languages,
    string? VenueName = null)
{
    public string? Title { get; init; } = UserText.Line(Title);

    public string? Description { get; init; } = UserText.Lines(Description);

    public string? City { get; init; } = UserText.Line(City);

    public string? VenueName { get; init; } = UserText.Line(VenueName);

    public IReadOnlyList<string>? Tags { get; init; } = UserText.EachLine(Tags);
}

/// <summary>Returned once: the organiser token is not stored anywhere and cannot be fetched again.</summary>
public sealed record MeetingCreatedResponse(string MeetingId, string JoinCode, string OrganiserId, string OrganiserToken, MeetingView Meeting);

public static class MeetingEndpoints
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int DisplayNameMaxLength = 60;

    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var meetings = endpoints.MapGroup("/api/meetings").WithTags("Meetings");

        meetings.MapPost("", CreateAsync)
            .WithName("CreateMeeting")
            .WithSummary("Create a meeting; returns its join code and the organiser token (once)")
            .RequireRateLimiting(RateLimits.MeetingCreation)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);

        meetings.MapGet("/{meetingId}", GetAsync)
            .WithName("GetMeeting")
            .WithSummary("Public meeting info and its boards; the join code only for the meeting's members (empty for others)")
            .ProducesProblems(StatusCodes.Status404NotFound);

        meetings.MapPatch("/{meetingId}", UpdateAsync)
            .WithName("UpdateMeeting")
            .WithSummary("Organiser: edit the meeting's details or state")
            .RequireMeetingRole(Role.Organiser)
            .ProducesWriteProblems();

        return endpoints;
    }

    private static async Task<Results<Created<MeetingCreatedResponse>, ValidationProblem>> CreateAsync(
        CreateMeetingRequest request, IGrainFactory grains, AccessTokens tokens)
    {
        var validation = new Validation()
            .Text("title", request.Title, TitleMaxLength, required: true);
        ValidateDetails(validation, request.Description, request.StartsAt, request.EndsAt, request.TimeZone, request.VenueName, request.City, request.Country, request.OnlineLink, request.Tags, request.Languages);
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var meetingId = MeetingJoining.NewId();
        var created = await grains.Meeting(meetingId).Create(new MeetingDetails
        {
            Title = request.Title!.Trim(),
            Description = request.Description ?? "",
            StartsAt = request.StartsAt,
            EndsAt = request.EndsAt,
            TimeZone = request.TimeZone ?? "UTC",
            VenueName = request.VenueName,
            City = request.City,
            Country = request.Country,
            OnlineLink = request.OnlineLink,
            Tags = request.Tags ?? [],
            Languages = request.Languages ?? [],
        });

        // The meeting grain registered the organiser under this name.
        var organiser = new MeetingMember(meetingId, created.OrganiserId, "Organiser", Role.Organiser, []);
        var response = new MeetingCreatedResponse(meetingId, created.Meeting.JoinCode, created.OrganiserId, tokens.Issue(organiser), created.Meeting);
        return TypedResults.Created($"/api/meetings/{meetingId}", response);
    }

    /// <summary>Meeting ids travel in every shared summary link, so the code that lets people in is for members only.</summary>
    private static async Task<Ok<MeetingView>> GetAsync(string meetingId, IGrainFactory grains, MemberChecks checks, HttpContext context)
    {
        var meeting = await grains.Meeting(meetingId).Get();
        var isMember = MeetingMember.From(context.User) is { } member && member.RoleIn(meetingId) is not null && await checks.IsValidAsync(member);
        return TypedResults.Ok(isMember ? meeting : meeting with { JoinCode = "" });
    }

    private static async Task<Results<Ok<MeetingView>, ValidationProblem>> UpdateAsync(
        string meetingId, MeetingPatch patch, Caller caller, IGrainFactory grains, MemberChecks checks)
    {
        // The patch is the grain's own record: its shown texts are normalised here, as the request records do.
        patch = patch with
        {
            Title = UserText.Line(patch.Title),
            Description = UserText.Lines(patch.Description),
            City = UserText.Line(patch.City),
            Tags = UserText.EachLine(patch.Tags),
        };
        var validation = new Validation().Check(patch.Title is null || !string.IsNullOrWhiteSpace(patch.Title), "title", "Cannot be empty.")
            .Text("title", patch.Title, TitleMaxLength);
        ValidateDetails(validation, patch.Description, patch.StartsAt, patch.EndsAt, patch.TimeZone, patch.VenueName, patch.City, patch.Country, patch.OnlineLink, patch.Tags, patch.Languages);
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var updated = await grains.Meeting(meetingId).Update(caller.Actor, patch);
        // State and end bound every member's writes and tokens: this node applies them at once, others within their check interval.
        checks.Forget(meetingId);
        return TypedResults.Ok(updated);
    }

    /// <summary>What every path that writes a meeting's details checks (the API, the import).</summary>
    internal static void ValidateDetails(
        Validation validation, string? description, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? timeZone,
        string? venueName, string? city, string? country, string? onlineLink, IReadOnlyList<string>? tags, IReadOnlyList<string>? languages) =>
        validation
            .Text("description", description, DescriptionMaxLength)
            .Check(startsAt is null || endsAt is null || startsAt < endsAt, "endsAt", "After startsAt.")
            .TimeZone("timeZone", timeZone)
            .Text("venueName", venueName, Pages.MeetingDetailsForm.MaxVenueLength)
            .Text("city", city, 100)
            .Country("country", country)
            .Link("onlineLink", onlineLink)
            .Each("tags", tags, 20, (v, field, tag) => v.Text(field, tag, 50, required: true))
            .Each("languages", languages, 20, (v, field, language) => v.Text(field, language, 20, required: true));
}
