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
            .WithSummary("Join a meeting with its code (participant) or an invite code (facilitator); returns a token")
            .WithTags("Join")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<JoinResponse>, ValidationProblem, EmptyHttpResult>> JoinAsync(
        JoinRequest request, MeetingJoining joining, AccessTokens tokens, JoinQueue queue, HttpContext context)
    {
        var problem = new Validation()
            .Required("code", request.Code)
            .Check(request.Code is null || Codes.IsWellFormed(Codes.Normalize(request.Code)), "code", $"{Codes.Length} characters from {Codes.Alphabet}.")
            .Text("displayName", request.DisplayName, MeetingEndpoints.DisplayNameMaxLength, required: true)
            .Country("country", request.Country)
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        var code = Codes.Normalize(request.Code!);
        using var turn = await queue.WaitTurnAsync(code, context.RequestAborted);
        if (!turn.IsAcquired)
        {
            await RateLimits.RejectAsync(context, turn);
            return TypedResults.Empty;
        }

        var member = await joining.JoinAsync(code, request.DisplayName!.Trim(), request.Country);
        return TypedResults.Ok(new JoinResponse(member.MeetingId, member.ParticipantId, member.Role, tokens.Issue(member)));
    }
}
