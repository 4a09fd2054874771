using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

public sealed record PhotoResponse(
    string MediaName, string Url, string ContentType, long Bytes, string ThumbnailMediaName, string ThumbnailUrl, int Width, int Height);

/// <summary>
/// Flip-chart photos: uploaded by members of the meeting, decoded and re-encoded by <see cref="PhotoPipeline"/>
/// (upright, no metadata of any kind), stored as a display size and a thumbnail under generated names within the
/// participant's and the meeting's quota, and served at /media/{name}.
/// </summary>
public static class PhotoEndpoints
{
    /// <summary>The largest upload: a phone's full-resolution photo. Only the re-encoded sizes are stored.</summary>
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    /// <summary>The form field that carries the photo.</summary>
    public const string PhotoField = "photo";

    /// <summary>The problem type of a refusal by quota (413 for bytes, 429 for the count): retrying will not help.</summary>
    public static readonly string QuotaProblemType = Problems.Type("photo-quota");

    // The multipart envelope around a 10 MB photo; larger bodies are cut off by the server with a 413.
    private const long MaxRequestBytes = MaxPhotoBytes + 64 * 1024;

    public static WebApplicationBuilder AddCommunityPhotos(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MediaOptions.Section).Get<MediaOptions>() ?? new MediaOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddKeyedSingleton(CpuGate.Photos, new CpuGate(options.ConcurrentDecodes, options.DecodeQueue));
        return builder;
    }

    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/meetings/{meetingId}/boards/{boardId}/cards/{cardId}/photos", UploadAsync)
            .WithName("UploadPhoto")
            .WithSummary("Add a flip-chart photo (multipart field \"photo\": JPEG, PNG or WebP, at most 10 MB and 50 megapixels); "
                + "stored re-encoded as WebP in a display size and a thumbnail, upright and without metadata, within the photo quotas")
            .WithTags("Cards")
            .RequireMeetingRole(Role.Participant)
            .RequireRateLimiting(RateLimits.Writes)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .ProducesWriteProblems()
            .ProducesProblems(StatusCodes.Status415UnsupportedMediaType);
        endpoints.MapGet("/media/{name}", ServeAsync)
            .WithName("GetMedia")
            .WithSummary("A photo (display size or thumbnail), by the name its upload returned; names never change content")
            .WithTags("Media")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Created<PhotoResponse>, ProblemHttpResult>> UploadAsync(
        string meetingId, string boardId, string cardId, HttpContext context, Caller caller, IGrainFactory grains, MediaStore media,
        MediaOptions options, [FromKeyedServices(CpuGate.Photos)] CpuGate decoders, CancellationToken cancellationToken)
    {
        var request = context.Request;
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
        if (ImageFormat.Detect(bytes) is null)
        {
            return PhotoProblem(StatusCodes.Status415UnsupportedMediaType, "Only JPEG, PNG and WebP photos are accepted.");
        }

        ProcessedPhoto photo;
        using (var lease = await decoders.EnterAsync(cancellationToken))
        {
            if (!lease.IsAcquired)
            {
                return CpuGate.Busy(context, "Many photos are being processed right now; send this one again in a moment.");
            }

            try
            {
                photo = PhotoPipeline.Process(bytes);
            }
            catch (PhotoTooLargeException tooLarge)
            {
                return PhotoProblem(StatusCodes.Status413PayloadTooLarge, tooLarge.Message);
            }
            catch (InvalidImageException invalid)
            {
                return PhotoProblem(StatusCodes.Status400BadRequest, $"The photo is damaged: {invalid.Message}");
            }
        }

        var stored = photo.Display.Bytes.LongLength + photo.Thumbnail.Bytes.LongLength;
        var quotas = grains.GetGrain<IMediaQuotaGrain>(meetingId);
        switch (await quotas.Reserve(caller.Actor.ParticipantId, stored, options.Quota))
        {
            case MediaQuotaResult.TooManyPhotos:
                return PhotoProblem(StatusCodes.Status429TooManyRequests, QuotaProblemType,
                    $"No more photos fit: at most {options.PhotosPerParticipant} per participant and {options.PhotosPerMeeting} per meeting.");
            case MediaQuotaResult.TooManyBytes:
                return PhotoProblem(StatusCodes.Status413PayloadTooLarge, QuotaProblemType,
                    $"No more photo storage is left: at most {options.BytesPerParticipant / (1024 * 1024)} MB per participant and {options.BytesPerMeeting / (1024 * 1024)} MB per meeting.");
        }

        string? name = null, thumbnail = null;
        try
        {
            name = await media.SaveAsync(photo.Display.Format, photo.Display.Bytes, cancellationToken);
            thumbnail = await media.SaveAsync(photo.Thumbnail.Format, photo.Thumbnail.Bytes, cancellationToken);
            await grains.Discussion(meetingId, boardId, cardId).AddPhoto(caller.Actor, new PhotoRef(
                name, photo.Display.Format.ContentType, caller.Actor.ParticipantId, DateTimeOffset.UtcNow, thumbnail, photo.Display.Width, photo.Display.Height));
        }
        catch
        {
            // Nothing half-stored stays behind, and the quota is given back.
            await Task.WhenAll(new[] { name, thumbnail }.OfType<string>().Select(media.DeleteAsync));
            await quotas.Release(caller.Actor.ParticipantId, stored);
            throw;
        }

        var url = MediaPath.For(name);
        return TypedResults.Created(url, new PhotoResponse(
            name, url, photo.Display.Format.ContentType, stored, thumbnail, MediaPath.For(thumbnail), photo.Display.Width, photo.Display.Height));
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
        PhotoProblem(status, status == StatusCodes.Status400BadRequest ? Problems.Invalid : Problems.TypeForStatus(status), message);

    private static ProblemHttpResult PhotoProblem(int status, string type, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [PhotoField] = [message] })
        {
            Status = status,
            Type = type,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The photo is too large.",
                StatusCodes.Status429TooManyRequests => "No more photos fit in the quota.",
                StatusCodes.Status415UnsupportedMediaType => "This is not a photo we accept.",
                _ => "The photo could not be used.",
            },
            Detail = message,
        });
}
