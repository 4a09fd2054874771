namespace Community.Web.Endpoints;

/// <summary>What the OpenAPI document says about errors, so clients see every problem a route can answer.</summary>
internal static class ApiConventions
{
    /// <summary>The largest JSON body the API reads: 20,000 characters of notes, escaped, fit with room to spare.</summary>
    public const long MaxJsonBodyBytes = 256 * 1024;

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
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
            StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status503ServiceUnavailable);

    /// <summary>A read by a member: no token, wrong role or meeting, unknown thing, or briefly unavailable (503).</summary>
    public static RouteHandlerBuilder ProducesReadProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblems(
            StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
}
