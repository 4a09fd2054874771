using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Community.Testing.Images;

/// <summary>
/// Real pictures (left half red, right half blue) encoded by SkiaSharp, with the metadata and the tricks a phone or
/// an attacker adds spliced into their containers byte by byte, so tests can check that none of it survives upload.
/// Every piece of metadata carries <see cref="Secret"/>.
/// </summary>
public static class TestImages
{
    /// <summary>Text in every metadata block; it must never appear in what is stored.</summary>
    public const string Secret = "Shot at 42.6977 N, 23.3219 E";

    public static readonly SKColor Left = SKColors.Red;
    public static readonly SKColor Right = SKColors.Blue;

    /// <summary>A width x height picture, left half <see cref="Left"/>, right half <see cref="Right"/>.</summary>
    public static byte[] Picture(SKEncodedImageFormat format, int width = 40, int height = 20)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var left = new SKPaint { Color = Left };
            using var right = new SKPaint { Color = Right };
            canvas.DrawRect(0, 0, width / 2f, height, left);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, right);
        }

        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with APP1 EXIF (orientation, description, GPS), APP1 XMP, APP2 ICC profile and a comment. With
    /// orientation 6 the stored pixels are shown turned 90 degrees clockwise: the red half on top.
    /// </summary>
    public static byte[] JpegWithMetadata(int orientation = 1) => InsertAfterJpegStart(Picture(SKEncodedImageFormat.Jpeg),
    [
        .. JpegSegment(0xE1, [.. "Exif\0\0"u8, .. Exif(orientation)]),
        .. JpegSegment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.ASCII.GetBytes($"<x:xmpmeta>{Secret}</x:xmpmeta>")]),
        .. JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. FakeIccProfile()]),
        .. JpegSegment(0xFE, Encoding.ASCII.GetBytes(Secret)),
    ]);

    /// <summary>A JPEG with a reserved FFF0 (JPG0) segment, which some decoders skip and some refuse.</summary>
    public static byte[] JpegWithReservedSegment() =>
        InsertAfterJpegStart(Picture(SKEncodedImageFormat.Jpeg), JpegSegment(0xF0, Encoding.ASCII.GetBytes(Secret)));

    /// <summary>A PNG with eXIf, an unknown zxIf, iCCP, a private prVt and a tEXt chunk after IHDR.</summary>
    public static byte[] PngWithMetadata()
    {
        var png = Picture(SKEncodedImageFormat.Png);
        var afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
        return
        [
            .. png[..afterHeader],
            .. PngChunk("eXIf", Exif(orientation: 1)),
            .. PngChunk("zxIf", Exif(orientation: 1)),
            .. PngChunk("iCCP", [.. "icc\0"u8, 0, .. ZLib(FakeIccProfile())]),
            .. PngChunk("prVt", Encoding.ASCII.GetBytes(Secret)),
            .. PngChunk("tEXt", [.. "Comment\0"u8, .. Encoding.ASCII.GetBytes(Secret)]),
            .. png[afterHeader..],
        ];
    }

    /// <summary>An extended WebP: VP8X flagging ICC, EXIF and XMP, an ICCP chunk, the picture, EXIF, XMP and an unknown chunk.</summary>
    public static byte[] WebPWithMetadata(int width = 40, int height = 20)
    {
        var simple = Picture(SKEncodedImageFormat.Webp, width, height);
        var image = simple[12..]; // the VP8/VP8L chunk after "RIFF", size, "WEBP"
        byte[] canvas = [.. LittleEndian32(width - 1)[..3], .. LittleEndian32(height - 1)[..3]];
        byte[] body =
        [
            .. "WEBP"u8,
            .. RiffChunk("VP8X", [0x20 | 0x08 | 0x04, 0, 0, 0, .. canvas]),
            .. RiffChunk("ICCP", FakeIccProfile()),
            .. image,
            .. RiffChunk("EXIF", Exif(orientation: 1)),
            .. RiffChunk("XMP ", Encoding.ASCII.GetBytes($"<x:xmpmeta>{Secret}</x:xmpmeta>")),
            .. RiffChunk("ZZZZ", Encoding.ASCII.GetBytes(Secret)),
        ];
        return [.. "RIFF"u8, .. LittleEndian32(body.Length), .. body];
    }

    /// <summary>A PNG whose header declares width x height; its pixel data is a few bytes (a decompression bomb's header).</summary>
    public static byte[] PngDeclaring(int width, int height) =>
    [
        .. PngSignature,
        .. PngChunk("IHDR", [.. BigEndian32(width), .. BigEndian32(height), 8, 2, 0, 0, 0]),
        .. PngChunk("IDAT", ZLib([0, 0, 0, 0])),
        .. PngChunk("IEND", []),
    ];

    /// <summary>20 bytes: the PNG signature and then no IHDR.</summary>
    public static byte[] TwentyBytePng() => [.. PngSignature, .. "not a header"u8];

    /// <summary>Random bytes, optionally behind a format's magic bytes so they get past recognition.</summary>
    public static byte[] RandomBytes(int length, byte[]? magic = null)
    {
        var bytes = new byte[length];
        new Random(20261128).NextBytes(bytes);
        magic?.CopyTo(bytes, 0);
        return bytes;
    }

    public static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The FourCCs of a WebP's chunks, in order.</summary>
    public static IReadOnlyList<string> WebPChunks(byte[] webp)
    {
        var chunks = new List<string>();
        for (var position = 12; position + 8 <= webp.Length;)
        {
            chunks.Add(Encoding.ASCII.GetString(webp, position, 4));
            var size = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(position + 4));
            position += 8 + size + (size & 1);
        }

        return chunks;
    }

    public static bool ContainsSecret(byte[] bytes) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Secret)) >= 0 || bytes.AsSpan().IndexOf("Exif"u8) >= 0;

    /// <summary>
    /// A big-endian TIFF structure as EXIF stores it: IFD0 with ImageDescription (<see cref="Secret"/>), Orientation
    /// and a GPSInfo pointer; a GPS IFD with GPSLatitudeRef "N" and GPSLatitude 42/1, 41/1, 52/1 (Sofia).
    /// </summary>
    public static byte[] Exif(int orientation)
    {
        var description = Encoding.ASCII.GetBytes(Secret + "\0");
        const int gpsIfd = 8 + 2 + 3 * 12 + 4;
        const int rationals = gpsIfd + 2 + 2 * 12 + 4;
        const int text = rationals + 24;
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange(BigEndian32(8));
        tiff.AddRange(BigEndian16(3));
        tiff.AddRange(IfdEntry(0x010E, 2, description.Length, BigEndian32(text)));
        tiff.AddRange(IfdEntry(0x0112, 3, 1, [.. BigEndian16(orientation), 0, 0]));
        tiff.AddRange(IfdEntry(0x8825, 4, 1, BigEndian32(gpsIfd)));
        tiff.AddRange(BigEndian32(0));
        tiff.AddRange(BigEndian16(2));
        tiff.AddRange(IfdEntry(0x0001, 2, 2, [(byte)'N', 0, 0, 0]));
        tiff.AddRange(IfdEntry(0x0002, 5, 3, BigEndian32(rationals)));
        tiff.AddRange(BigEndian32(0));
        foreach (var value in new[] { 42, 41, 52 })
        {
            tiff.AddRange(BigEndian32(value));
            tiff.AddRange(BigEndian32(1));
        }

        tiff.AddRange(description);
        return [.. tiff];
    }

    // Not a valid profile (decoders ignore it), but it carries the secret as an attacker's payload would.
    private static byte[] FakeIccProfile() => [.. BigEndian32(128 + Secret.Length), .. new byte[32], .. Encoding.ASCII.GetBytes(Secret), .. new byte[96]];

    private static byte[] InsertAfterJpegStart(byte[] jpeg, byte[] segments) => [.. jpeg[..2], .. segments, .. jpeg[2..]];

    private static byte[] IfdEntry(ushort tag, ushort type, int count, byte[] value) =>
        [.. BigEndian16(tag), .. BigEndian16(type), .. BigEndian32(count), .. value];

    private static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, .. BigEndian16(payload.Length + 2), .. payload];

    private static byte[] PngChunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        return [.. BigEndian32(data.Length), .. typeAndData, .. BigEndian32((int)Crc32(typeAndData))];
    }

    // PNG's CRC-32 (ISO 3309), computed bit by bit: these chunks are tiny.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        byte[] chunk = [.. Encoding.ASCII.GetBytes(fourCc), .. LittleEndian32(data.Length), .. data];
        return data.Length % 2 == 1 ? [.. chunk, 0] : chunk;
    }

    private static byte[] ZLib(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    private static byte[] BigEndian16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] BigEndian32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] LittleEndian32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
