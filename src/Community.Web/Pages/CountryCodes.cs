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

    /// <summary>
    /// "Romania" on an English page, "Румъния" on a Bulgarian one: ICU names a region in the language of the culture
    /// it is asked through ("bg-RO"); in English when it does not know that pair; the code itself when it has no name.
    /// </summary>
    public static string Name(string code)
    {
        foreach (var name in (string[])[$"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}-{code}", code])
        {
            try
            {
                var region = new RegionInfo(name);
                return name == code ? region.EnglishName : region.DisplayName;
            }
            catch (ArgumentException)
            {
            }
        }

        return code;
    }
}
