using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Community.Web.Endpoints;

namespace Community.Web.Directory;

/// <summary>
/// <c>POST /api/directory/import</c>: an organisation or a campaign owner registers many activities at once from a
/// CSV or JSON file (docs/import.md), with a dry run that reports each row's problems and changes nothing.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/directory/import", ImportAsync)
            .WithTags("Directory")
            .WithName("ImportActivities")
            .WithSummary("Organisation or campaign owner: import activities from CSV (header row) or JSON (array); ?dryRun=true checks every row and changes nothing; ?atomic=true imports nothing if any row has problems")
            .RequireDirectoryRole(DirectoryRole.Organisation, DirectoryRole.CampaignOwner)
            .RequireRateLimiting(RateLimits.DirectoryImports)
            .WithMetadata(new RequestSizeLimitAttribute(ImportRows.MaxBodyBytes))
            .Accepts<string>("text/csv", "application/json")
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ActivityImporter importer, bool? dryRun, bool? atomic, CancellationToken cancellation)
    {
        var account = DirectoryMember.From(request.HttpContext.User)!;
        var csv = ImportRows.IsCsv(request.ContentType);
        if (!csv && !ImportRows.IsJson(request.ContentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send text/csv or application/json.");
        }

        if (request.ContentLength > ImportRows.MaxBodyBytes)
        {
            return TooLarge();
        }

        // Read up to the limit and no further, whatever the server's own limit and however the body is sent (chunked).
        using var body = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (body.Length + read > ImportRows.MaxBodyBytes)
            {
                return TooLarge();
            }

            body.Write(chunk, 0, read);
        }

        try
        {
            var rows = csv ? ImportRows.FromCsv(body.ToArray()) : ImportRows.FromJson(body.ToArray());
            return TypedResults.Ok(await importer.RunAsync(account, rows, dryRun ?? false, atomic ?? false, cancellation));
        }
        catch (ImportFileException unreadable)
        {
            return Problems.Validation(new Dictionary<string, string[]> { [unreadable.Field] = [unreadable.Message] });
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
            detail: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"An import may be at most {ImportRows.MaxBodyBytes / (1024 * 1024)} MB and {ImportRows.MaxRows} rows; split the file."));
}
