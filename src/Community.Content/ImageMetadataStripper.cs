using System.Buffers.Binary;

namespace Community.Content;

/// <summary>
/// Removes the metadata a phone writes into a photo (EXIF with GPS position, XMP, text comments) by walking the
/// file's own container structure and copying only the parts that draw the picture. Pixels are never decoded or
/// re-encoded, so quality is untouched and no image library is needed.
/// </summary>
public static class ImageMetadataStripper
{
    public static byte[] Strip(ImageFormat format, ReadOnlySpan<byte> data) =>
        format == ImageFormat.Jpeg ? StripJpeg(data)
        : format == ImageFormat.Png ? StripPng(data)
        : format == ImageFormat.WebP ? StripWebP(data)
        : throw new ArgumentOutOfRangeException(nameof(format), format, "Not a format we accept.");

    // JPEG: markers FF xx; most carry a 2-byte big-endian length that counts itself. After SOS comes entropy-coded
    // data, where FF is followed by 00 (a stuffed byte) or a restart marker, until the next real marker.
    private static byte[] StripJpeg(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length);
        output.AddRange(data[..2]);
        var position = 2;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
            {
                throw new InvalidImageException($"JPEG: expected a marker at byte {position}.");
            }

            var marker = Byte(data, position + 1, "JPEG");
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker == 0xD9)
            {
                output.AddRange(data.Slice(position, 2));
                return output.ToArray();
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.AddRange(data.Slice(position, 2));
                position += 2;
                continue;
            }

            var length = BigEndian16(data, position + 2, "JPEG");
            var segmentEnd = position + 2 + length;
            if (length < 2 || segmentEnd > data.Length)
            {
                throw new InvalidImageException($"JPEG: segment FF{marker:X2} at byte {position} runs past the end.");
            }

            var segment = data[position..segmentEnd];
            if (KeepJpegSegment(marker, segment[4..]))
            {
                output.AddRange(segment);
            }

            position = segmentEnd;
            if (marker == 0xDA)
            {
                var scanEnd = EndOfEntropyCodedData(data, position);
                output.AddRange(data[position..scanEnd]);
                position = scanEnd;
            }
        }

        throw new InvalidImageException("JPEG: no end-of-image marker.");
    }

    // APP0 (JFIF), APP2 ICC profiles and APP14 Adobe (colour transform) affect how the picture looks; every other
    // APPn (APP1 = EXIF/XMP) and comments are metadata.
    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xE0 => true,
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        >= 0xE1 and <= 0xEF => false,
        0xFE => false,
        _ => true,
    };

    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        for (var i = position; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] != 0x00 && data[i + 1] is not (>= 0xD0 and <= 0xD7))
            {
                return i;
            }
        }

        throw new InvalidImageException("JPEG: image data has no end.");
    }

    private static readonly HashSet<string> PngMetadataChunks = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    // PNG: 8-byte signature, then chunks of length (4, big-endian), type (4), data, CRC (4), ending with IEND.
    private static byte[] StripPng(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length);
        output.AddRange(data[..8]);
        var position = 8;
        while (position < data.Length)
        {
            var length = BigEndian32(data, position, "PNG");
            var type = System.Text.Encoding.ASCII.GetString(Slice(data, position + 4, 4, "PNG"));
            var chunkEnd = (long)position + 12 + length;
            if (length > int.MaxValue || chunkEnd > data.Length)
            {
                throw new InvalidImageException($"PNG: chunk {type} at byte {position} runs past the end.");
            }

            if (!PngMetadataChunks.Contains(type))
            {
                output.AddRange(data[position..(int)chunkEnd]);
            }

            if (type == "IEND")
            {
                return output.ToArray();
            }

            position = (int)chunkEnd;
        }

        throw new InvalidImageException("PNG: no IEND chunk.");
    }

    private const byte WebPExifFlag = 0x08;
    private const byte WebPXmpFlag = 0x04;

    // WebP: "RIFF", size (4, little-endian), "WEBP", then chunks of FourCC, size (4, little-endian), data padded to
    // an even length. The extended header VP8X flags which metadata chunks exist, so the flags are cleared too.
    private static byte[] StripWebP(ReadOnlySpan<byte> data)
    {
        var riffEnd = 8 + (long)LittleEndian32(data, 4, "WebP");
        if (riffEnd > data.Length)
        {
            throw new InvalidImageException("WebP: the RIFF size is larger than the file.");
        }

        var output = new List<byte>(data.Length);
        output.AddRange(data[..12]);
        var position = 12;
        while (position < riffEnd)
        {
            var fourCc = System.Text.Encoding.ASCII.GetString(Slice(data, position, 4, "WebP"));
            var size = LittleEndian32(data, position + 4, "WebP");
            var chunkEnd = (long)position + 8 + size + (size & 1);
            if (chunkEnd > riffEnd)
            {
                throw new InvalidImageException($"WebP: chunk {fourCc} at byte {position} runs past the end.");
            }

            if (fourCc is not ("EXIF" or "XMP "))
            {
                var chunk = data[position..(int)chunkEnd].ToArray();
                if (fourCc == "VP8X" && size >= 1)
                {
                    chunk[8] &= unchecked((byte)~(WebPExifFlag | WebPXmpFlag));
                }

                output.AddRange(chunk);
            }

            position = (int)chunkEnd;
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }

    private static byte Byte(ReadOnlySpan<byte> data, int at, string format) => Slice(data, at, 1, format)[0];

    private static int BigEndian16(ReadOnlySpan<byte> data, int at, string format) =>
        BinaryPrimitives.ReadUInt16BigEndian(Slice(data, at, 2, format));

    private static uint BigEndian32(ReadOnlySpan<byte> data, int at, string format) =>
        BinaryPrimitives.ReadUInt32BigEndian(Slice(data, at, 4, format));

    private static uint LittleEndian32(ReadOnlySpan<byte> data, int at, string format) =>
        BinaryPrimitives.ReadUInt32LittleEndian(Slice(data, at, 4, format));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int at, int length, string format) =>
        at >= 0 && at + length <= data.Length
            ? data.Slice(at, length)
            : throw new InvalidImageException($"{format}: the file ends early at byte {at}.");
}
