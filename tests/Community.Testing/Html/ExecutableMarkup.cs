using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Community.Testing.Html;

/// <summary>
/// Finds what a browser could execute in an HTML fragment, by parsing it as a browser would (AngleSharp is an
/// HTML5 parser): script-capable elements, event-handler attributes, style attributes, and URLs with a script or
/// data scheme after the entity decoding and whitespace stripping a browser applies.
/// </summary>
public static class ExecutableMarkup
{
    private static readonly HashSet<string> ScriptCapableElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form",
        "input", "button", "template",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster", "background",
    };

    /// <summary>Every finding, described; empty when the fragment is inert.</summary>
    public static IReadOnlyList<string> Find(string html)
    {
        var findings = new List<string>();
        foreach (var element in Select(html, "*"))
        {
            if (ScriptCapableElements.Contains(element.LocalName))
            {
                findings.Add($"element <{element.LocalName}>");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add($"{attribute.Name} attribute on <{element.LocalName}>");
                }

                if (UrlAttributes.Contains(attribute.Name) && IsDangerousUrl(attribute.Value))
                {
                    findings.Add($"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }

        return findings;
    }

    /// <summary>The elements of the fragment matching a CSS selector.</summary>
    public static IReadOnlyList<IElement> Select(string html, string selector) =>
        [.. new HtmlParser().ParseDocument($"<!doctype html><html><body>{html}</body></html>").Body!.QuerySelectorAll(selector)];

    // Browsers drop ASCII whitespace and control characters inside a scheme and compare it case-insensitively.
    private static bool IsDangerousUrl(string value)
    {
        var compact = new string([.. value.Where(c => c > ' ')]).ToLowerInvariant();
        return compact.StartsWith("javascript:", StringComparison.Ordinal)
            || compact.StartsWith("vbscript:", StringComparison.Ordinal)
            || compact.StartsWith("data:", StringComparison.Ordinal);
    }
}
