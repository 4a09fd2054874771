using System.Text.RegularExpressions;

namespace Community.Content;

/// <summary>
/// Where our own photos are served: <c>/media/{name}</c>, with names we generate ourselves. Published HTML may only
/// show images from here, so a summary can never load a tracker or a hostile URL.
/// </summary>
public static partial class MediaPath
{
    public const string Prefix = "/media/";

    /// <summary>A fresh, unguessable media name with the extension of its format, e.g. "3f2a….jpg".</summary>
    public static string NewName(ImageFormat format) => $"{Guid.NewGuid():N}{format.Extension}";

    public static string For(string mediaName) => Prefix + mediaName;

    /// <summary>True for names we could have generated: letters, digits, dashes and one extension, no path.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>True for "/media/{valid name}" exactly: no scheme, no host, no "..".</summary>
    public static bool IsMediaUrl(string url) =>
        url.StartsWith(Prefix, StringComparison.Ordinal) && IsValidName(url[Prefix.Length..]);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\.(jpg|png|webp)$")]
    private static partial Regex NamePattern();
}
