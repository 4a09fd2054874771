namespace Community.Content;

/// <summary>The photo formats we accept, recognised from their bytes, never from a name or a declared type.</summary>
public sealed record ImageFormat(string ContentType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", ".jpg");
    public static readonly ImageFormat Png = new("image/png", ".png");
    public static readonly ImageFormat WebP = new("image/webp", ".webp");

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format whose magic bytes start the data, or null for anything else.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return Jpeg;
        }

        if (data.StartsWith(PngSignature))
        {
            return Png;
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }

    /// <summary>The format served under a media name, from its extension (names are ours, so this is safe).</summary>
    public static ImageFormat? FromMediaName(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => Jpeg,
        ".png" => Png,
        ".webp" => WebP,
        _ => null,
    };
}
