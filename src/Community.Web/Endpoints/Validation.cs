using System.Globalization;
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
