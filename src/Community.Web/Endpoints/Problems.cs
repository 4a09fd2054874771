using System.Text.Json;
using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Community.Web.Endpoints;

/// <summary>
/// Every error is RFC 9457 problem details whose <c>type</c> is a stable relative URI <c>/problems/{slug}</c>:
/// the <see cref="DomainErrors.Slug"/> of a grain's refusal (over-budget, board-closed, grid-conflict, ...), or
/// invalid (400, with <c>errors</c> naming each field at fault), unauthenticated (401), forbidden (403),
/// not-found (404), body-too-large (413), rate-limited (429, with Retry-After), unavailable (503, with Retry-After:
/// a silo, the gateway or storage is briefly out of reach), state-corrupt (503: a stored grain state needs an
/// operator), error (anything else).
/// </summary>
public static class Problems
{
    public static string Type(string slug) => $"/problems/{slug}";

    public static readonly string Invalid = Type(DomainErrors.Slug(DomainError.Invalid));

    public static int Status(DomainError error) => error switch
    {
        DomainError.Invalid => StatusCodes.Status400BadRequest,
        DomainError.Forbidden => StatusCodes.Status403Forbidden,
        DomainError.NotFound => StatusCodes.Status404NotFound,
        DomainError.InviteUnusable => StatusCodes.Status410Gone,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>A short human title per refusal; the detail says the particulars.</summary>
    public static string Title(DomainError error) => error switch
    {
        DomainError.Invalid => "A value is not valid.",
        DomainError.Forbidden => "You may not do this.",
        DomainError.NotFound => "Not found.",
        DomainError.OverBudget => "That would be more dots than you have on this board.",
        DomainError.OverCardCap => "That would be more dots on one card than this board allows.",
        DomainError.BoardClosed => "The board is not open for this.",
        DomainError.GridConflict => "That place in the grid is taken.",
        DomainError.CardNotActive => "The card is no longer on the board.",
        DomainError.MeetingClosed => "The meeting is closed.",
        DomainError.InviteUnusable => "This invite no longer joins anyone.",
        DomainError.DeadlinePassed => "The campaign's registration deadline has passed.",
        _ => "This conflicts with the current state.",
    };

    /// <summary>The type of a problem known only by its status (from authentication, routing, the rate limiter).</summary>
    public static string TypeForStatus(int status) => Type(status switch
    {
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "body-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status429TooManyRequests => "rate-limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "error",
    });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some fields are not valid.", type: Invalid);

    /// <summary>Gives problems made by the framework (status code pages, the rate limiter) our stable types.</summary>
    public static void UseStableTypes(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = TypeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
        }
    }
}

/// <summary>
/// Maps what handlers throw to problem details: a grain's <see cref="DomainException"/> to its status and type,
/// a request the framework could not read (malformed JSON, an unknown enum value, a missing body, a body over
/// the limit) to 400 with the field at fault, or 413; a fault of the cluster or its storage to 503 with Retry-After,
/// so a client retries instead of reporting an error (a dot is a PUT of the whole count: retrying is safe).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Long enough for a silo's grains to come back elsewhere or storage to answer again, short enough to feel live.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>A corrupt blob needs a person: clients should come back much later, not hammer it.</summary>
    internal static readonly TimeSpan RetryAfterCorruption = TimeSpan.FromSeconds(60);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException refusal => FromRefusal(refusal),
            BadHttpRequestException unreadable => FromUnreadable(unreadable),
            _ when Find<GrainStateCorruptException>(exception) is { } corrupt => Unavailable("state-corrupt", "Stored data needs repair by an operator.", corrupt.BlobName),
            _ when IsTransientFault(exception) => Transient(exception),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            var retryAfter = problem.Type == Problems.Type("state-corrupt") ? RetryAfterCorruption : RetryAfter;
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>503, and a warning naming the fault: otherwise a storm of 503s leaves the operator no cause to look at.</summary>
    private ProblemDetails Transient(Exception exception)
    {
        LogTransientFault(exception.GetType().Name, exception.Message);
        return Unavailable("unavailable", "The service is briefly unavailable; retry shortly.", null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 for a transient fault: {Fault}: {Detail}")]
    private partial void LogTransientFault(string fault, string detail);

    private static ProblemDetails FromRefusal(DomainException refusal)
    {
        // Invalid values name their field in errors, like the edge's own validation; other refusals may name it too.
        var problem = refusal is { Error: DomainError.Invalid, Field: { } field }
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [refusal.Message] })
            : new ProblemDetails();
        if (refusal is { Error: not DomainError.Invalid, Field: { } other })
        {
            problem.Extensions["field"] = other;
        }

        problem.Status = Problems.Status(refusal.Error);
        problem.Type = Problems.Type(refusal.ProblemType);
        problem.Title = Problems.Title(refusal.Error);
        problem.Detail = refusal.Message;
        return problem;
    }

    /// <summary>
    /// Faults that pass by themselves: no silo or gateway reachable (a silo died, the cluster is failing over), a
    /// message rejected or timed out, storage out of reach, or a write race lost to another activation, or a grain
    /// whose activation was cancelled because it took too long (under a join storm: Orleans throws
    /// TaskCanceledException from ActivationData.ActivateAsync; that was the 500s).
    /// </summary>
    internal static bool IsTransientFault(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or ClientNotAvailableException or TimeoutException or StorageUnavailableException or InconsistentStateException
            or OperationCanceledException => true,
        _ => exception.InnerException is { } inner && IsTransientFault(inner),
    };

    /// <summary>The exception itself or one it wraps (an activation that failed to load its state wraps the cause).</summary>
    private static T? Find<T>(Exception? exception) where T : Exception =>
        exception switch
        {
            null => null,
            T found => found,
            _ => Find<T>(exception.InnerException),
        };

    private static ProblemDetails Unavailable(string slug, string title, string? blobName)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Type = Problems.Type(slug), Title = title };
        if (blobName is not null)
        {
            problem.Detail = $"The stored state '{blobName}' cannot be read; an operator has to restore or repair it.";
            problem.Extensions["blob"] = blobName;
        }

        return problem;
    }

    private static ProblemDetails FromUnreadable(BadHttpRequestException unreadable)
    {
        if (unreadable.StatusCode != StatusCodes.Status400BadRequest)
        {
            return new ProblemDetails
            {
                Status = unreadable.StatusCode,
                Type = Problems.TypeForStatus(unreadable.StatusCode),
                Title = unreadable.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
            };
        }

        var (field, message) = unreadable.InnerException is JsonException json
            ? (FieldOf(json.Path), "Not valid here: check the JSON syntax, the value's type and the allowed values.")
            : ("body", unreadable.Message);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = Problems.Invalid,
            Title = "The request body could not be read.",
        };
    }

    /// <summary>"$.slots[0].endsAt" → "slots[0].endsAt"; the whole document → "body".</summary>
    private static string FieldOf(string? jsonPath) =>
        jsonPath is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
}
