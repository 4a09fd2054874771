using System.Text;
using Markdig;
using Markdig.Syntax;

namespace Community.Content;

/// <summary>Helpers for writing Markdown that contains other people's words, and for reading a document's outline.</summary>
public static class MarkdownText
{
    public const int MaxDescriptionLength = 200;

    /// <summary>
    /// Text that must stay text (a topic title, a name): every ASCII punctuation character is backslash-escaped, as
    /// CommonMark allows, and line breaks become spaces, so "*[x](javascript:…)*" or "# hi" shows literally.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if (character is '\r' or '\n')
            {
                escaped.Append(' ');
            }
            else
            {
                if (char.IsAscii(character) && (char.IsPunctuation(character) || char.IsSymbol(character)))
                {
                    escaped.Append('\\');
                }

                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    /// <summary>The first level-1 heading (or fallback) and the first paragraph as plain text, for link previews.</summary>
    public static (string Title, string Description) Outline(string markdown, string fallbackTitle)
    {
        var document = Markdown.Parse(markdown);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault(block => block.Level == 1);
        var paragraph = document.Descendants<ParagraphBlock>().FirstOrDefault(block => block.Parent is MarkdownDocument);
        var title = heading is null ? fallbackTitle : PlainText(markdown, heading);
        var description = paragraph is null ? "" : PlainText(markdown, paragraph);
        return (title, description.Length <= MaxDescriptionLength ? description : description[..(MaxDescriptionLength - 1)].TrimEnd() + "…");
    }

    private static string PlainText(string markdown, Block block)
    {
        var source = markdown.Substring(block.Span.Start, block.Span.Length).TrimStart('#', ' ');
        return string.Join(' ', Markdown.ToPlainText(source).Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
