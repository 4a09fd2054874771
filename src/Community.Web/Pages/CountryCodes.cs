using System.Globalization;

namespace Community.Web.Pages;

public static class CountryCodes
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => { try { return new RegionInfo(culture.Name).TwoLetterISORegionName; } catch (ArgumentException) { return ""; } })
        .Where(code => code.Length == 2)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>An ISO 3166-1 alpha-2 code the platform's ICU knows, upper case.</summary>
    public static bool IsValid(string code) => Known.Contains(code);
}
