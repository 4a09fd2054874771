using Community.Content;
using Community.Testing.Images;
using SkiaSharp;

namespace Community.Content.Tests;

public sealed class PhotoPipelineTests
{
    /// <summary>Every container trick of the issue; each must come back as plain pixels.</summary>
    public static TheoryData<string> Tricks => new() { "jpeg", "png", "webp" };

    private static byte[] Trick(string name) => name switch
    {
        "jpeg" => TestImages.JpegWithMetadata(),
        "png" => TestImages.PngWithMetadata(),
        "webp" => TestImages.WebPWithMetadata(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Tricks))]
    public void Metadata_and_unknown_chunks_do_not_survive_re_encoding(string trick)
    {
        var original = Trick(trick);
        Assert.True(TestImages.ContainsSecret(original));

        var photo = PhotoPipeline.Process(original);

        foreach (var rendition in new[] { photo.Display, photo.Thumbnail })
        {
            Assert.Equal(ImageFormat.WebP, ImageFormat.Detect(rendition.Bytes));
            Assert.False(TestImages.ContainsSecret(rendition.Bytes));
            Assert.All(TestImages.WebPChunks(rendition.Bytes), chunk => Assert.Contains(chunk, (string[])["VP8 ", "VP8L", "VP8X", "ALPH"]));
            AssertLeftRedRightBlue(rendition.Bytes);
        }

        Assert.Equal((40, 20), (photo.Display.Width, photo.Display.Height));
    }

    [Fact]
    public void A_reserved_jpeg_segment_is_dropped_or_the_photo_refused()
    {
        try
        {
            var photo = PhotoPipeline.Process(TestImages.JpegWithReservedSegment());
            Assert.False(TestImages.ContainsSecret(photo.Display.Bytes));
        }
        catch (InvalidImageException)
        {
            // Refused: also fine, nothing is stored.
        }
    }

    [Fact]
    public void A_phone_photo_with_exif_orientation_6_comes_back_upright()
    {
        // Stored 40 wide and 20 high, red left; shown turned clockwise: 20 wide, 40 high, red on top.
        var photo = PhotoPipeline.Process(TestImages.JpegWithMetadata(orientation: 6));

        Assert.Equal((20, 40), (photo.Display.Width, photo.Display.Height));
        using var upright = SKBitmap.Decode(photo.Display.Bytes);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        AssertMostly(upright.GetPixel(10, 5), TestImages.Left);
        AssertMostly(upright.GetPixel(10, 35), TestImages.Right);
    }

    [Fact]
    public void A_large_picture_is_stored_at_display_size_and_as_a_thumbnail()
    {
        var photo = PhotoPipeline.Process(TestImages.Picture(SKEncodedImageFormat.Png, 2000, 1000));

        Assert.Equal((PhotoPipeline.DisplaySide, 800), (photo.Display.Width, photo.Display.Height));
        Assert.Equal((PhotoPipeline.ThumbnailSide, 200), (photo.Thumbnail.Width, photo.Thumbnail.Height));
        using var thumbnail = SKBitmap.Decode(photo.Thumbnail.Bytes);
        Assert.Equal((400, 200), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public void A_header_declaring_100000_by_100000_pixels_is_refused_before_decoding()
    {
        var bomb = TestImages.PngDeclaring(100_000, 100_000);

        var refusal = Assert.Throws<PhotoTooLargeException>(() => PhotoPipeline.Process(bomb));
        Assert.Contains("100,000", refusal.Message);
    }

    public static TheoryData<string, byte[]> Undecodable => new()
    {
        { "20-byte PNG without IHDR", TestImages.TwentyBytePng() },
        { "random bytes", TestImages.RandomBytes(4096) },
        { "random bytes behind a PNG signature", TestImages.RandomBytes(4096, TestImages.PngSignature) },
        { "random bytes behind a JPEG start", TestImages.RandomBytes(4096, [0xFF, 0xD8, 0xFF]) },
        { "a JPEG cut after 50 bytes", TestImages.JpegWithMetadata()[..50] },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public void What_does_not_decode_is_refused(string what, byte[] bytes)
    {
        Assert.NotEmpty(what);
        Assert.Throws<InvalidImageException>(() => PhotoPipeline.Process(bytes));
    }

    private static void AssertLeftRedRightBlue(byte[] webp)
    {
        using var bitmap = SKBitmap.Decode(webp);
        AssertMostly(bitmap.GetPixel(bitmap.Width / 4, bitmap.Height / 2), TestImages.Left);
        AssertMostly(bitmap.GetPixel(bitmap.Width * 3 / 4, bitmap.Height / 2), TestImages.Right);
    }

    // Lossy encoding shifts colours a little; the dominant channel stays.
    private static void AssertMostly(SKColor actual, SKColor expected)
    {
        Assert.True(Math.Abs(actual.Red - expected.Red) < 60 && Math.Abs(actual.Green - expected.Green) < 60 && Math.Abs(actual.Blue - expected.Blue) < 60,
            $"Expected about {expected}, got {actual}.");
    }
}
