using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

public sealed record PhotoResponse(string MediaName, string Url, string ContentType, long Bytes);

/// <summary>
/// Flip-chart photos: uploaded by members of the meeting, recognised from their bytes, stripped of metadata (EXIF
/// GPS never leaves the server), stored under a generated name and served at /media/{name}.
/// </summary>
public static class PhotoEndpoints
{
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    /// <summary>The form field that carries the photo.</summary>
    public const string PhotoField = "photo";

    // The multipart envelope around a 10 MB photo; larger bodies are cut off by the server with a 413.
    private const long MaxRequestBytes = MaxPhotoBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/meetings/{meetingId}/boards/{boardId}/cards/{cardId}/photos", UploadAsync)
            .WithName("UploadPhoto")
            .WithSummary("Add a flip-chart photo (multipart field \"photo\": JPEG, PNG or WebP, at most 10 MB; metadata is removed)")
            .WithTags("Cards")
            .RequireMeetingRole(Role.Participant)
            .RequireRateLimiting(RateLimits.Writes)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        endpoints.MapGet("/media/{name}", ServeAsync)
            .WithName("GetMedia")
            .WithSummary("A photo, by the name its upload returned")
            .WithTags("Media")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Created<PhotoResponse>, ProblemHttpResult>> UploadAsync(
        string meetingId, string boardId, string cardId, HttpRequest request, Caller caller, IGrainFactory grains, MediaStore media,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return PhotoProblem(StatusCodes.Status415UnsupportedMediaType, "Send the photo as multipart/form-data in the field \"photo\".");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile(PhotoField) is not { } file)
        {
            return PhotoProblem(StatusCodes.Status400BadRequest, "Required: a file in the form field \"photo\".");
        }

        if (file.Length > MaxPhotoBytes)
        {
            return PhotoProblem(StatusCodes.Status413PayloadTooLarge, $"A photo may be at most {MaxPhotoBytes / (1024 * 1024)} MB; this one is {file.Length:N0} bytes.");
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        // What the bytes are, whatever the file name or the declared type say.
        if (ImageFormat.Detect(bytes) is not { } format)
        {
            return PhotoProblem(StatusCodes.Status415UnsupportedMediaType, "Only JPEG, PNG and WebP photos are accepted.");
        }

        byte[] stripped;
        try
        {
            stripped = ImageMetadataStripper.Strip(format, bytes);
        }
        catch (InvalidImageException invalid)
        {
            return PhotoProblem(StatusCodes.Status400BadRequest, $"The photo is damaged: {invalid.Message}");
        }

        var name = await media.SaveAsync(format, stripped, cancellationToken);
        try
        {
            await grains.Discussion(meetingId, boardId, cardId)
                .AddPhoto(caller.Actor, new PhotoRef(name, format.ContentType, caller.Actor.ParticipantId, DateTimeOffset.UtcNow));
        }
        catch
        {
            await media.DeleteAsync(name);
            throw;
        }

        var url = MediaPath.For(name);
        return TypedResults.Created(url, new PhotoResponse(name, url, format.ContentType, stripped.Length));
    }

    private static async Task<IResult> ServeAsync(string name, HttpContext context, MediaStore media, CancellationToken cancellationToken)
    {
        if (!MediaPath.IsValidName(name) || ImageFormat.FromMediaName(name) is not { } format
            || await media.OpenAsync(name, cancellationToken) is not { } content)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.TypeForStatus(StatusCodes.Status404NotFound), title: "No such photo.");
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // A photo is never a document: nothing in it may run, even if a browser were talked into rendering it.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        // Names are never reused, so a photo never changes.
        headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Stream(content, format.ContentType);
    }

    private static ProblemHttpResult PhotoProblem(int status, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [PhotoField] = [message] })
        {
            Status = status,
            Type = status == StatusCodes.Status400BadRequest ? Problems.Invalid : Problems.TypeForStatus(status),
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The photo is too large.",
                StatusCodes.Status415UnsupportedMediaType => "This is not a photo we accept.",
                _ => "The photo could not be used.",
            },
            Detail = message,
        });
}
