using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Community.Testing.Images;

/// <summary>
/// Small but well-formed photos built byte by byte, with the metadata a phone would add (EXIF with a GPS position,
/// XMP, text chunks), so tests can check that it is gone after upload.
/// </summary>
public static class TestImages
{
    /// <summary>The latitude written into the GPS tags, as the ASCII reference and the first rational.</summary>
    public const string GpsLatitudeRef = "N";

    public const string Comment = "Shot at 42.6977 N, 23.3219 E";

    /// <summary>A 1x1 grey baseline JPEG: SOI, APP0 JFIF, DQT, SOF0, DHT (DC and AC), SOS, one block, EOI.</summary>
    public static byte[] Jpeg(bool withGpsExif)
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        jpeg.AddRange(JpegSegment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
        if (withGpsExif)
        {
            jpeg.AddRange(JpegSegment(0xE1, [.. "Exif\0\0"u8, .. ExifWithGps()]));
            jpeg.AddRange(JpegSegment(0xFE, Encoding.ASCII.GetBytes(Comment)));
        }

        jpeg.AddRange(JpegSegment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]));
        jpeg.AddRange(JpegSegment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        // One code of length 1 in each table: DC category 0 and AC end-of-block.
        jpeg.AddRange(JpegSegment(0xC4, [0x00, 1, .. new byte[15], 0x00]));
        jpeg.AddRange(JpegSegment(0xC4, [0x10, 1, .. new byte[15], 0x00]));
        jpeg.AddRange(JpegSegment(0xDA, [1, 1, 0x00, 0, 63, 0]));
        jpeg.Add(0x3F); // bits "00" (DC 0, EOB) padded with ones
        jpeg.AddRange([0xFF, 0xD9]);
        return [.. jpeg];
    }

    /// <summary>A 1x1 grey PNG, optionally with an eXIf chunk holding GPS tags and a tEXt comment.</summary>
    public static byte[] Png(bool withMetadata)
    {
        var png = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        png.AddRange(PngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        if (withMetadata)
        {
            png.AddRange(PngChunk("eXIf", ExifWithGps()));
            png.AddRange(PngChunk("tEXt", [.. "Comment\0"u8, .. Encoding.ASCII.GetBytes(Comment)]));
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x80]); // filter "none", one grey pixel
        }

        png.AddRange(PngChunk("IDAT", compressed.ToArray()));
        png.AddRange(PngChunk("IEND", []));
        return [.. png];
    }

    public const byte WebPExifAndXmpFlags = 0x08 | 0x04;

    /// <summary>
    /// An extended WebP: VP8X, a stand-in VP8L payload (metadata stripping never decodes pixels), and EXIF and XMP
    /// chunks flagged in VP8X.
    /// </summary>
    public static byte[] WebP(bool withMetadata)
    {
        var body = new List<byte>(Encoding.ASCII.GetBytes("WEBP"));
        byte flags = withMetadata ? WebPExifAndXmpFlags : (byte)0;
        body.AddRange(RiffChunk("VP8X", [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        body.AddRange(RiffChunk("VP8L", [0x2F, 0, 0, 0, 0x00, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]));
        if (withMetadata)
        {
            body.AddRange(RiffChunk("EXIF", ExifWithGps()));
            body.AddRange(RiffChunk("XMP ", Encoding.ASCII.GetBytes($"<x:xmpmeta>{Comment}</x:xmpmeta>")));
        }

        var riff = new List<byte>(Encoding.ASCII.GetBytes("RIFF"));
        riff.AddRange(LittleEndian32(body.Count));
        riff.AddRange(body);
        return [.. riff];
    }

    /// <summary>
    /// A big-endian TIFF structure as EXIF stores it: IFD0 with a GPSInfo pointer, and a GPS IFD with
    /// GPSLatitudeRef "N" and GPSLatitude 42/1, 41/1, 52/1 (Sofia).
    /// </summary>
    public static byte[] ExifWithGps()
    {
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange(BigEndian32(8)); // IFD0 offset
        // IFD0 at 8: one entry (GPSInfo, LONG, 1, offset 26), next IFD 0.
        tiff.AddRange(BigEndian16(1));
        tiff.AddRange(IfdEntry(0x8825, 4, 1, BigEndian32(26)));
        tiff.AddRange(BigEndian32(0));
        // GPS IFD at 26: two entries, next IFD 0; the latitude's three rationals follow at 26 + 2 + 24 + 4 = 56.
        tiff.AddRange(BigEndian16(2));
        tiff.AddRange(IfdEntry(0x0001, 2, 2, [(byte)GpsLatitudeRef[0], 0, 0, 0]));
        tiff.AddRange(IfdEntry(0x0002, 5, 3, BigEndian32(56)));
        tiff.AddRange(BigEndian32(0));
        foreach (var value in new[] { 42, 41, 52 })
        {
            tiff.AddRange(BigEndian32(value));
            tiff.AddRange(BigEndian32(1));
        }

        return [.. tiff];
    }

    private static byte[] IfdEntry(ushort tag, ushort type, int count, byte[] value) =>
        [.. BigEndian16(tag), .. BigEndian16(type), .. BigEndian32(count), .. value];

    private static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, .. BigEndian16(payload.Length + 2), .. payload];

    private static byte[] PngChunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        return [.. BigEndian32(data.Length), .. typeAndData, .. BigEndian32((int)Crc32(typeAndData))];
    }

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        byte[] chunk = [.. Encoding.ASCII.GetBytes(fourCc), .. LittleEndian32(data.Length), .. data];
        return data.Length % 2 == 1 ? [.. chunk, 0] : chunk;
    }

    // PNG's CRC-32 (ISO 3309), computed bit by bit: these images are tiny.
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
