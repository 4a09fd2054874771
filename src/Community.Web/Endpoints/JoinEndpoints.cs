using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

public sealed record JoinRequest(string? Code, string? DisplayName, string? Country)
{
    public string? DisplayName { get; init; } = UserText.Line(DisplayName);
}

public sealed record JoinResponse(string MeetingId, string ParticipantId, Role Role, string Token);

public static class JoinEndpoints
{
    public static IEndpointRouteBuilder MapJoinEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/join", JoinAsync)
            .WithName("Join")
            .WithSummary("Join a meeting with its code (participant) or an invite link's token; returns a token. The same browser (device cookie) joining again is the same participant")
            .WithTags("Join")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status410Gone, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<JoinResponse>, ValidationProblem, EmptyHttpResult>> JoinAsync(
        JoinRequest request, MeetingJoining joining, AccessTokens tokens, JoinLimits limits, HttpContext context)
    {
        var problem = new Validation()
            .Required("code", request.Code)
            .Check(request.Code is null || IsWellFormed(request.Code), "code",
                $"{Codes.Length} characters from {Codes.Alphabet}, or an invite link's token of {InviteTokens.Length} characters.")
            .Text("displayName", request.DisplayName, MeetingEndpoints.DisplayNameMaxLength, required: true)
            .Country("country", request.Country)
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        if (limits.RefuseLookup(context) is { } retryAfter)
        {
            await RateLimits.RejectAsync(context, retryAfter);
            return TypedResults.Empty;
        }

        if (await joining.ResolveAsync(request.Code!) is not { } target)
        {
            limits.LookupFailed(context);
            throw new DomainException(DomainError.NotFound, "No meeting or invite has this code.", "code");
        }

        using var turn = await limits.WaitTurnAsync(context, target.MeetingId);
        if (!turn.IsAcquired)
        {
            await RateLimits.RejectAsync(context, turn);
            return TypedResults.Empty;
        }

        var joined = await joining.JoinAsync(target, request.DisplayName!.Trim(), request.Country, DeviceCookie.Ensure(context));
        var member = joined.Member;
        return TypedResults.Ok(new JoinResponse(member.MeetingId, member.ParticipantId, member.Role, tokens.Issue(member, joined.ExpiresAt)));
    }

    private static bool IsWellFormed(string typed) => InviteTokens.NormalizeLookup(typed) is var code && (Codes.IsWellFormed(code) || InviteTokens.IsWellFormed(code));
}
