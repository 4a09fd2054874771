using System.Globalization;
using System.Text;

namespace Community.Grains.Grains.Directory;

/// <summary>
/// How the directory compares words: accents and case are dropped ("Ópen" is "open", "Ясно" is "ясно") and text
/// splits into words at anything that is not a letter or digit. A query word matches a word that starts with it,
/// so "school" finds "schools" and "#schoolvisit" but not "preschool".
/// </summary>
internal static class DirectoryText
{
    /// <summary>The distinct words of the texts, folded.</summary>
    public static string[] Words(params IEnumerable<string?> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (!string.IsNullOrEmpty(text))
            {
                Split(Fold(text), words);
            }
        }

        return [.. words];
    }

    /// <summary>Whether every query word starts one of the entry's words.</summary>
    public static bool Matches(string[] entryWords, string[] queryWords)
    {
        foreach (var wanted in queryWords)
        {
            var found = false;
            foreach (var word in entryWords)
            {
                if (word.StartsWith(wanted, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower case without diacritics.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(character));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static void Split(string folded, HashSet<string> words)
    {
        var start = -1;
        for (var index = 0; index <= folded.Length; index++)
        {
            var inWord = index < folded.Length && char.IsLetterOrDigit(folded[index]);
            if (inWord && start < 0)
            {
                start = index;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..index]);
                start = -1;
            }
        }
    }
}
