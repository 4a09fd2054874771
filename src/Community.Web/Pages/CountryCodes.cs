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

    /// <summary>Every known code with its name in the page's language, by name: a country field's choices.</summary>
    public static IReadOnlyList<(string Code, string Name)> Choices() =>
        [.. Known.Select(code => (code, Name(code))).OrderBy(choice => choice.Item2, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];

    /// <summary>"Bulgaria" (or "България"), the code itself when the platform has no name for it.</summary>
    public static string Name(string code)
    {
        try
        {
            return new RegionInfo(code).DisplayName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
