using SkiaSharp;

namespace Community.Content;

/// <summary>One stored rendition of a photo: encoded bytes and their size in pixels.</summary>
public sealed record PhotoRendition(byte[] Bytes, int Width, int Height)
{
    public ImageFormat Format => PhotoPipeline.OutputFormat;
}

/// <summary>What an upload becomes: a display size for the topic page and the summary, a thumbnail for boards and phones.</summary>
public sealed record ProcessedPhoto(PhotoRendition Display, PhotoRendition Thumbnail);

/// <summary>
/// Every uploaded photo goes through SkiaSharp: the header is read first and a picture over
/// <see cref="MaxPixels"/> is refused before anything is decoded; then it is decoded (what does not decode is
/// refused), turned upright by its EXIF orientation, scaled down and encoded afresh as WebP. Only pixels cross from
/// the upload to what is stored, so EXIF, GPS, XMP, ICC profiles, comments and unknown chunks cannot survive.
/// </summary>
public static class PhotoPipeline
{
    /// <summary>50 megapixels: more than any phone camera, and at most 200 MB of pixels while decoding.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The longest side of the display size: sharp on a laptop or a projector, about 200-400 KB.</summary>
    public const int DisplaySide = 1600;

    /// <summary>The longest side of the thumbnail that boards and phones show: 20-40 KB on conference Wi-Fi.</summary>
    public const int ThumbnailSide = 400;

    public const int Quality = 80;

    public static readonly ImageFormat OutputFormat = ImageFormat.WebP;

    public static ProcessedPhoto Process(byte[] data)
    {
        using var codec = OpenCodec(data);
        using var decoded = Decode(codec);
        var display = Render(decoded, codec.EncodedOrigin, DisplaySide);
        var thumbnail = Render(decoded, codec.EncodedOrigin, ThumbnailSide);
        return new ProcessedPhoto(display, thumbnail);
    }

    private static SKCodec OpenCodec(byte[] data)
    {
        if (ImageFormat.Detect(data) is null)
        {
            throw new InvalidImageException("Only JPEG, PNG and WebP photos are accepted.");
        }

        var codec = SKCodec.Create(new SKMemoryStream(data))
            ?? throw new InvalidImageException("The photo cannot be read: its header is damaged or missing.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            codec.Dispose();
            throw new PhotoTooLargeException(
                $"A photo may have at most {MaxPixels / 1_000_000} megapixels; this one declares {width:N0} x {height:N0}.");
        }

        return codec;
    }

    // Decodes at the smallest size the codec offers (JPEG can decode at 1/2, 1/4, 1/8) that still covers the
    // display size, converted to sRGB so colour profiles need not travel with the result.
    private static SKBitmap Decode(SKCodec codec)
    {
        var full = codec.Info;
        var scale = Math.Min(1f, (float)DisplaySide / Math.Max(full.Width, full.Height));
        var size = codec.GetScaledDimensions(scale);
        if (Math.Max(size.Width, size.Height) < Math.Min(DisplaySide, Math.Max(full.Width, full.Height)))
        {
            size = full.Size;
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new InvalidImageException($"The photo cannot be decoded ({result}).");
        }

        return bitmap;
    }

    // Draws the decoded pixels upright (EXIF orientation 1-8) and no larger than maxSide, then encodes them from a
    // bitmap without a colour space, so the encoder writes pixels and nothing else.
    private static PhotoRendition Render(SKBitmap source, SKEncodedOrigin origin, int maxSide)
    {
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = sideways ? (source.Height, source.Width) : (source.Width, source.Height);
        var scale = Math.Min(1f, (float)maxSide / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
            canvas.Concat(Upright(origin, source.Width, source.Height));
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
        }

        using var pixels = target.PeekPixels();
        using var encoded = pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality))
            ?? throw new InvalidImageException("The photo could not be encoded.");
        return new PhotoRendition(encoded.ToArray(), width, height);
    }

    // Maps stored pixel (x, y) of a width x height picture to where it is seen, per EXIF orientation.
    private static SKMatrix Upright(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => Matrix(-1, 0, width, 0, 1, 0),
        SKEncodedOrigin.BottomRight => Matrix(-1, 0, width, 0, -1, height),
        SKEncodedOrigin.BottomLeft => Matrix(1, 0, 0, 0, -1, height),
        SKEncodedOrigin.LeftTop => Matrix(0, 1, 0, 1, 0, 0),
        SKEncodedOrigin.RightTop => Matrix(0, -1, height, 1, 0, 0),
        SKEncodedOrigin.RightBottom => Matrix(0, -1, height, -1, 0, width),
        SKEncodedOrigin.LeftBottom => Matrix(0, 1, 0, -1, 0, width),
        _ => SKMatrix.Identity,
    };

    // x' = scaleX * x + skewX * y + transX; y' = skewY * x + scaleY * y + transY.
    private static SKMatrix Matrix(float scaleX, float skewX, float transX, float skewY, float scaleY, float transY) =>
        new() { ScaleX = scaleX, SkewX = skewX, TransX = transX, SkewY = skewY, ScaleY = scaleY, TransY = transY, Persp2 = 1 };
}
