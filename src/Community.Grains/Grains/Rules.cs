using System.Globalization;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>
/// The value rules shared by the grains. Each check names the field at fault (as the JSON body spells it), so the
/// web can answer with problem details that point at it.
/// </summary>
internal static partial class Rules
{
    public static DomainException Invalid(string field, string detail) => new(DomainError.Invalid, detail, field);

    /// <summary>Trimmed text whose length must lie within bounds.</summary>
    public static string Text(string? value, string field, int min, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length < min || trimmed.Length > max)
        {
            throw Invalid(field, min == 0
                ? $"{field} must be at most {max} characters."
                : $"{field} must be {min} to {max} characters.");
        }

        return trimmed;
    }

    /// <summary>Optional trimmed text: blank becomes null.</summary>
    public static string? OptionalText(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, 0, max);

    public static string? OptionalLink(string? value, string field)
    {
        var link = OptionalText(value, field, 2000);
        if (link is not null
            && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw Invalid(field, $"{field} must be an absolute http or https link.");
        }

        return link;
    }

    /// <summary>An ISO 3166-1 alpha-2 code in upper case, e.g. BG.</summary>
    public static string Country(string? value, string field)
    {
        if (value is null || !CountryCodePattern().IsMatch(value) || !IsKnownRegion(value))
        {
            throw Invalid(field, $"{field} must be an ISO 3166-1 alpha-2 country code in upper case, e.g. BG.");
        }

        return value;
    }

    /// <summary>Ids chosen by organisers (lanes, slots, spaces): short, URL-safe.</summary>
    public static string Slug(string? value, string field)
    {
        if (value is null || !SlugPattern().IsMatch(value))
        {
            throw Invalid(field, $"{field} must be 1 to 40 letters, digits, '-' or '_'.");
        }

        return value;
    }

    public static void Unique<T>(IReadOnlyList<T> items, Func<T, string> id, string listField)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            if (!seen.Add(id(items[index])))
            {
                throw Invalid($"{listField}[{index}].id", $"{listField} ids must be unique.");
            }
        }
    }

    public static void AtMost<T>(IReadOnlyList<T>? items, int max, string field)
    {
        if (items is not null && items.Count > max)
        {
            throw Invalid(field, $"{field} may hold at most {max} entries.");
        }
    }

    public static void Require(bool condition, DomainError error, string detail, string? field = null)
    {
        if (!condition)
        {
            throw new DomainException(error, detail, field);
        }
    }

    private static bool IsKnownRegion(string code)
    {
        try
        {
            _ = new RegionInfo(code);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex SlugPattern();
}
