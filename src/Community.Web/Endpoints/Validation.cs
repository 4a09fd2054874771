using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>Collects what is wrong with a request, field by field, before anything is sent to a grain.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Validation Check(bool valid, string field, string message)
    {
        if (!valid)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }

            messages.Add(message);
        }

        return this;
    }

    /// <summary>The faults so far, by field (the pages show them beside their inputs).</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public Validation Required(string field, object? value) => Check(value is not null, field, "Required.");

    /// <summary>Text within the length limits; required text must also hold more than white space.</summary>
    public Validation Text(string field, string? value, int maxLength, bool required = false)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            return Check(!required, field, "Required.");
        }

        return Check(value.Length <= maxLength, field, $"At most {maxLength} characters.");
    }

    public Validation Range(string field, int? value, int min, int max) =>
        Check(value is null || (value >= min && value <= max), field, $"Between {min} and {max}.");

    /// <summary>A known ISO 3166-1 alpha-2 code, e.g. "BG".</summary>
    public Validation Country(string field, string? value) =>
        Check(value is null || Pages.CountryCodes.IsValid(value), field, "A known country as two capital letters (ISO 3166-1 alpha-2), e.g. BG.");

    /// <summary>An IANA time zone id the server knows, e.g. "Europe/Sofia".</summary>
    public Validation TimeZone(string field, string? value) =>
        Check(value is null || Pages.MeetingTime.Find(value) is not null, field, "An IANA time zone, e.g. Europe/Sofia.");

    public Validation Link(string field, string? value) =>
        Check(value is null || (value.Length <= 2_000 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)),
            field, "An absolute http or https link.");

    public Validation Each<T>(string field, IReadOnlyList<T>? items, int maxCount, Action<Validation, string, T> check)
    {
        if (items is null)
        {
            return this;
        }

        Check(items.Count <= maxCount, field, $"At most {maxCount} items.");
        for (var index = 0; index < items.Count; index++)
        {
            var itemField = string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");
            if (items[index] is null)
            {
                Check(false, itemField, "Required.");
            }
            else
            {
                check(this, itemField, items[index]);
            }
        }

        return this;
    }

    /// <summary>The 400 problem naming every field at fault; null when all is well.</summary>
    public ValidationProblem? Problem() =>
        _errors.Count == 0 ? null : Problems.Validation(_errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()));
}

/// <summary>
/// Text that other people see (names, titles, descriptions, lane and space names, labels, regions), made safe to show
/// as it arrives, before validation: NFC; control characters gone (line breaks kept where text has lines, else
/// spaces); bidi overrides, embeddings, isolates and marks gone (they make "\u202eresinagrO" read "Organiser");
/// zero-width and other invisible format characters gone, except a zero-width joiner or non-joiner between two
/// visible characters (emoji sequences and some scripts need them); trimmed. Text that is empty after this is
/// refused by <see cref="Validation.Text"/> where the field is required. Request records apply it in their
/// property initialisers; the pages' forms call it directly.
/// </summary>
public static class UserText
{
    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>A one-line text (name, title, label): line breaks and tabs become spaces.</summary>
    public static string? Line(string? text) => Clean(text, multiline: false);

    /// <summary>A text with lines (a description): line breaks are kept, as "\n".</summary>
    public static string? Lines(string? text) => Clean(text, multiline: true);

    /// <summary>Each item as a <see cref="Line"/>.</summary>
    public static IReadOnlyList<string>? EachLine(IReadOnlyList<string>? items) =>
        items?.Select(item => Line(item)!).ToList();

    private static string? Clean(string? text, bool multiline)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsSurrogate(character))
            {
                // A pair is one character; a lone half is not text at all (and NFC would throw on it).
                if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
                {
                    if (!IsInvisible(CharUnicodeInfo.GetUnicodeCategory(text, index)))
                    {
                        kept.Append(character).Append(text[index + 1]);
                    }

                    index++;
                }

                continue;
            }

            switch (character)
            {
                case '\r' when index + 1 < text.Length && text[index + 1] == '\n':
                    continue;
                case '\r' or '\n' or '\u2028' or '\u2029':
                    kept.Append(multiline ? '\n' : ' ');
                    continue;
                case '\t':
                    kept.Append(' ');
                    continue;
                case ZeroWidthJoiner or ZeroWidthNonJoiner:
                    kept.Append(character);
                    continue;
            }

            if (!IsInvisible(char.GetUnicodeCategory(character)))
            {
                kept.Append(character);
            }
        }

        var normalised = kept.ToString().Normalize(NormalizationForm.FormC);
        return DropLooseJoiners(normalised).Trim();
    }

    /// <summary>Controls and format characters (bidi controls, zero-width space, word joiner, BOM, soft hyphen, tags).</summary>
    private static bool IsInvisible(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format;

    private static string DropLooseJoiners(string text)
    {
        if (text.IndexOfAny([ZeroWidthJoiner, ZeroWidthNonJoiner]) < 0)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character is ZeroWidthJoiner or ZeroWidthNonJoiner
                && (index == 0 || index == text.Length - 1 || IsLoose(text[index - 1]) || IsLoose(text[index + 1])))
            {
                continue;
            }

            kept.Append(character);
        }

        return kept.ToString();
    }

    private static bool IsLoose(char neighbour) => char.IsWhiteSpace(neighbour) || neighbour is ZeroWidthJoiner or ZeroWidthNonJoiner;
}
