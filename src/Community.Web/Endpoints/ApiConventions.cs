namespace Community.Web.Endpoints;

/// <summary>What the OpenAPI document says about errors, so clients see every problem a route can answer.</summary>
internal static class ApiConventions
{
    /// <summary>The largest JSON body the API reads: 20,000 characters of notes, escaped, fit with room to spare.</summary>
    public const long MaxJsonBodyBytes = 256 * 1024;

    /// <summary>
    /// The given problems, and always 503: every API route reaches a grain or storage, and the exception handler answers
    /// a silo or storage outage on any of them with 503 and Retry-After.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>
    /// A write by a member: bad input, no token, wrong role or meeting, unknown thing, refused by a rule, too big, too
    /// fast, or storage or a silo briefly unavailable (503 with Retry-After).
    /// </summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblems(
            StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
            StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);

    /// <summary>A read by a member: no token, wrong role or meeting, unknown thing, or briefly unavailable (503).</summary>
    public static RouteHandlerBuilder ProducesReadProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblems(
            StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
