using System.Diagnostics.CodeAnalysis;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Community.Content;

/// <summary>
/// The one Markdown renderer of the app. The silo publishes summaries with it and the web previews with it, so a
/// preview is exactly what will publish. Markdig is not a sanitizer: raw HTML is disabled and no generic attributes
/// are parsed, then HtmlSanitizer keeps only the elements Markdown produces, only http, https and mailto links,
/// images only from our own <see cref="MediaPath"/>, and every link gets rel="nofollow ugc". What people save is
/// checked against <see cref="MarkdownLimits"/> first, so rendering it stays cheap; publishing renders with
/// <see cref="TryToHtml"/>, which never throws.
/// </summary>
public static class MarkdownRenderer
{
    public const string LinkRel = "nofollow ugc";

    // Deliberately not UseAdvancedExtensions: it includes generic attributes ({onclick=...}).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The sanitised HTML; throws <see cref="ArgumentException"/> for Markdown Markdig refuses (too deeply nested).</summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    /// <summary>
    /// The sanitised HTML, or false for Markdown beyond twice <see cref="MarkdownLimits"/> (a summary's own markup
    /// around notes within the limits fits) or that Markdig refuses. Never throws, never takes long.
    /// </summary>
    public static bool TryToHtml(string markdown, [NotNullWhen(true)] out string? html)
    {
        html = null;
        if (MarkdownLimits.Refusal(markdown, factor: 2) is not null)
        {
            return false;
        }

        try
        {
            html = ToHtml(markdown);
            return true;
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit ("too deeply nested"): not renderable, whatever it is.
            return false;
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            // What Markdown (with the extensions above) produces, and nothing else.
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub",
                "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr",
                "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
        });
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !MediaPath.IsMediaUrl(e.OriginalUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { NodeName: "A" } link)
            {
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }
}
