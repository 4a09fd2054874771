using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace Community.Content;

/// <summary>Helpers for writing Markdown that contains other people's words, and for reading a document's outline.</summary>
public static partial class MarkdownText
{
    public const int MaxDescriptionLength = 200;

    // Characters that make inline markup anywhere in a line (emphasis, code, links, images, autolinks, entities,
    // tables, strikethrough, heading closers). Others (".", ",", "/") stay readable for the person editing the draft.
    private const string InlineMarkup = "\\`*_[]<>&|~#";

    /// <summary>
    /// Text that must stay text (a topic title, a name): characters that would become markup are backslash-escaped,
    /// as CommonMark allows, a leading list or heading marker too, and line breaks become spaces. So
    /// "*[x](javascript:…)*" or "1. # hi" shows literally.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text.ReplaceLineEndings(" "))
        {
            if (InlineMarkup.Contains(character))
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        var leadingMarker = LeadingBlockMarker().Match(escaped.ToString());
        if (leadingMarker.Success)
        {
            escaped.Insert(leadingMarker.Groups["marker"].Index, '\\');
        }

        return escaped.ToString();
    }

    /// <summary>The first level-1 heading (or the fallback) and the opening paragraphs as plain text, for link previews.</summary>
    public static (string Title, string Description) Outline(string markdown, string fallbackTitle)
    {
        var document = Markdown.Parse(markdown);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault(block => block.Level == 1);
        var title = heading is null ? fallbackTitle : PlainText(markdown, heading);
        // Opening paragraphs until there is enough for a link preview (a date line alone says too little).
        var description = "";
        foreach (var paragraph in document.OfType<ParagraphBlock>())
        {
            description = description.Length == 0 ? PlainText(markdown, paragraph) : $"{description} · {PlainText(markdown, paragraph)}";
            if (description.Length >= MaxDescriptionLength / 2)
            {
                break;
            }
        }

        return (title, description.Length <= MaxDescriptionLength ? description : description[..(MaxDescriptionLength - 1)].TrimEnd() + "…");
    }

    [GeneratedRegex(@"^\s*(?:\d{1,9}(?<marker>[.)])|(?<marker>[-+=>]))")]
    private static partial Regex LeadingBlockMarker();

    private static string PlainText(string markdown, Block block)
    {
        var source = markdown.Substring(block.Span.Start, block.Span.Length).TrimStart('#', ' ');
        return string.Join(' ', Markdown.ToPlainText(source).Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
