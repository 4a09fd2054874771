using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>
/// A campaign as its owner writes it. On create every field but the description and countries is required; on
/// PATCH a missing field keeps its value. The deadline is ISO 8601 with an offset ("2026-10-15T23:59:00+03:00"):
/// a deadline without one would mean a different instant in every country the campaign spans.
/// </summary>
public sealed record CampaignRequest(
    string? Slug,
    string? Title,
    string? Description,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? RegistrationDeadline,
    IReadOnlyList<string>? Countries)
{
    public string? Title { get; init; } = UserText.Line(Title);

    public string? Description { get; init; } = UserText.Lines(Description);
}

/// <summary>Returned once: the owner token is not stored anywhere and cannot be fetched again.</summary>
public sealed record CampaignCreatedResponse(string Slug, string OwnerToken, CampaignView Campaign);

public static partial class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var campaigns = endpoints.MapGroup("/api/campaigns").WithTags("Campaigns");

        campaigns.MapPost("", CreateAsync)
            .WithName("CreateCampaign")
            .WithSummary("Create a campaign; returns the owner's directory token (once)")
            .RequireRateLimiting(RateLimits.MeetingCreation)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);

        campaigns.MapGet("/{slug}", GetAsync)
            .WithName("GetCampaign")
            .WithSummary("A campaign's details, dates, deadline and countries")
            .ProducesProblems(StatusCodes.Status404NotFound);

        campaigns.MapPatch("/{slug}", UpdateAsync)
            .WithName("UpdateCampaign")
            .WithSummary("Campaign owner: edit the campaign's details")
            .RequireDirectoryRole(DirectoryRole.CampaignOwner)
            .ProducesWriteProblems();

        return endpoints;
    }

    private static async Task<Results<Created<CampaignCreatedResponse>, ValidationProblem>> CreateAsync(
        CampaignRequest request, IGrainFactory grains, AccessTokens tokens)
    {
        var validation = new Validation()
            .Required("slug", request.Slug)
            .Check(request.Slug is null || CampaignLimits.SlugPattern().IsMatch(request.Slug), "slug", "3 to 60 of a-z, 0-9 and '-', starting and ending with a letter or digit.")
            .Required("startsOn", request.StartsOn)
            .Required("endsOn", request.EndsOn)
            .Required("registrationDeadline", request.RegistrationDeadline);
        var deadline = Validate(validation, request, titleRequired: true);
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var ownerId = $"campaign-owner-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        var created = await grains.GetGrain<ICampaignGrain>(request.Slug!).Create(ownerId, new CampaignDetails
        {
            Title = request.Title!,
            Description = request.Description ?? "",
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            RegistrationDeadline = deadline!.Value,
            Countries = request.Countries ?? [],
        });
        var owner = new DirectoryMember(ownerId, $"Owner of {created.Details.Title}", DirectoryRole.CampaignOwner, [], created.Slug);
        // Registered like every directory account, so the owner's token can be checked and revoked.
        await grains.GetGrain<IDirectoryAccountGrain>(ownerId).Create(
            new DirectoryAccount(ownerId, owner.Name, DirectoryAccountRole.CampaignOwner, [], created.Slug, created.CreatedAt));
        return TypedResults.Created($"/api/campaigns/{created.Slug}", new CampaignCreatedResponse(created.Slug, tokens.Issue(owner), created));
    }

    private static async Task<Ok<CampaignView>> GetAsync(string slug, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, slug).Get());

    private static async Task<Results<Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string slug, CampaignRequest request, HttpContext context, IGrainFactory grains)
    {
        var owner = DirectoryMember.From(context.User)!;
        var validation = new Validation()
            .Check(request.Slug is null || request.Slug == slug, "slug", "A campaign's slug cannot change.")
            .Check(request.Title is null || request.Title.Length > 0, "title", "Cannot be empty.");
        var deadline = Validate(validation, request, titleRequired: false);
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var grain = Campaign(grains, slug);
        var current = (await grain.Get()).Details;
        return TypedResults.Ok(await grain.Update(owner.AccountId, Apply(current, request, deadline)));
    }

    /// <summary>An edit: what the request gives replaces what the campaign holds, the rest stays.</summary>
    internal static CampaignDetails Apply(CampaignDetails current, CampaignRequest request, DateTimeOffset? deadline) => current with
    {
        Title = request.Title ?? current.Title,
        Description = request.Description ?? current.Description,
        StartsOn = request.StartsOn ?? current.StartsOn,
        EndsOn = request.EndsOn ?? current.EndsOn,
        RegistrationDeadline = deadline ?? current.RegistrationDeadline,
        Countries = request.Countries ?? current.Countries,
    };

    /// <summary>The checks create and edit share; returns the deadline when it was given and valid.</summary>
    internal static DateTimeOffset? Validate(Validation validation, CampaignRequest request, bool titleRequired)
    {
        validation
            .Text("title", request.Title, CampaignLimits.MaxTitleLength, required: titleRequired)
            .Text("description", request.Description, CampaignLimits.MaxDescriptionLength)
            .Check(request.Description is null || MarkdownLimits.Refusal(request.Description) is null, "description", "Markdown too deeply nested or too complex.")
            .Check(request.StartsOn is null || request.EndsOn is null || request.StartsOn <= request.EndsOn, "endsOn", "On or after startsOn.")
            .Each("countries", request.Countries, CampaignLimits.MaxCountries, (v, field, country) => v.Country(field, country));
        var deadline = ParseInstant(request.RegistrationDeadline);
        validation.Check(request.RegistrationDeadline is null || deadline is not null, "registrationDeadline",
            "An ISO 8601 date and time with its offset, e.g. 2026-10-15T23:59:00+03:00.");
        return deadline;
    }

    /// <summary>ISO 8601 with an explicit offset (or Z); null for anything else.</summary>
    public static DateTimeOffset? ParseInstant(string? text) =>
        text is not null && OffsetSuffix().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : null;

    private static ICampaignGrain Campaign(IGrainFactory grains, string slug) => grains.GetGrain<ICampaignGrain>(slug);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetSuffix();
}
