using System.Buffers.Binary;
using System.Text;
using Community.Content;
using Community.Testing.Images;

namespace Community.Content.Tests;

public sealed class ImageMetadataStripperTests
{
    [Fact]
    public void Formats_are_recognised_from_their_bytes()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageFormat.Detect(TestImages.Jpeg(withGpsExif: false)));
        Assert.Equal(ImageFormat.Png, ImageFormat.Detect(TestImages.Png(withMetadata: false)));
        Assert.Equal(ImageFormat.WebP, ImageFormat.Detect(TestImages.WebP(withMetadata: false)));
        Assert.Null(ImageFormat.Detect("GIF89a this is not accepted"u8));
        Assert.Null(ImageFormat.Detect("just some text that someone named photo.jpg"u8));
        Assert.Null(ImageFormat.Detect([]));
    }

    [Fact]
    public void Jpeg_loses_its_exif_gps_and_comment_and_keeps_everything_else_byte_for_byte()
    {
        var withGps = TestImages.Jpeg(withGpsExif: true);
        Assert.True(Contains(withGps, "Exif\0\0"u8));

        var stripped = ImageMetadataStripper.Strip(ImageFormat.Jpeg, withGps);

        Assert.Equal(TestImages.Jpeg(withGpsExif: false), stripped);
        Assert.False(Contains(stripped, "Exif"u8));
        Assert.False(Contains(stripped, Encoding.ASCII.GetBytes(TestImages.Comment)));
    }

    [Fact]
    public void Jpeg_keeps_an_icc_profile_but_drops_xmp()
    {
        var original = TestImages.Jpeg(withGpsExif: false);
        byte[] icc = [0xFF, 0xE2, 0x00, 0x10, .. "ICC_PROFILE\0"u8, 1, 1];
        byte[] xmpPayload = [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta/>"u8];
        byte[] xmp = [0xFF, 0xE1, 0x00, (byte)(xmpPayload.Length + 2), .. xmpPayload];
        byte[] withBoth = [.. original[..2], .. icc, .. xmp, .. original[2..]];

        var stripped = ImageMetadataStripper.Strip(ImageFormat.Jpeg, withBoth);

        Assert.Equal([.. original[..2], .. icc, .. original[2..]], stripped);
    }

    [Fact]
    public void Png_loses_exif_and_text_chunks()
    {
        var withMetadata = TestImages.Png(withMetadata: true);

        var stripped = ImageMetadataStripper.Strip(ImageFormat.Png, withMetadata);

        Assert.Equal(TestImages.Png(withMetadata: false), stripped);
        Assert.False(Contains(stripped, "eXIf"u8));
        Assert.False(Contains(stripped, "tEXt"u8));
    }

    [Fact]
    public void WebP_loses_exif_and_xmp_chunks_its_flags_and_gets_a_consistent_riff_size()
    {
        var withMetadata = TestImages.WebP(withMetadata: true);

        var stripped = ImageMetadataStripper.Strip(ImageFormat.WebP, withMetadata);

        Assert.Equal(TestImages.WebP(withMetadata: false), stripped);
        Assert.Equal(stripped.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(stripped.AsSpan(4)));
        Assert.Equal(0, stripped[20] & TestImages.WebPExifAndXmpFlags);
        Assert.False(Contains(stripped, "EXIF"u8));
    }

    public static TheoryData<string, byte[]> Truncated => new()
    {
        { "jpeg", TestImages.Jpeg(withGpsExif: true)[..40] },
        { "png", TestImages.Png(withMetadata: true)[..30] },
        { "webp", TestImages.WebP(withMetadata: true)[..30] },
    };

    [Theory]
    [MemberData(nameof(Truncated))]
    public void Truncated_files_are_refused_not_passed_through(string format, byte[] data)
    {
        var detected = ImageFormat.Detect(data);
        Assert.NotNull(detected);
        Assert.Contains(format, detected.ContentType);

        Assert.Throws<InvalidImageException>(() => ImageMetadataStripper.Strip(detected, data));
    }

    private static bool Contains(ReadOnlySpan<byte> data, ReadOnlySpan<byte> part) => data.IndexOf(part) >= 0;
}
