namespace Community.Content;

/// <summary>
/// Markdown that could stall a node is refused before it is rendered, by a linear scan. Markdig's inline parsing
/// is quadratic in the number of open brackets and emphasis delimiters within one block (measured: 40,000 "[x]("
/// in one paragraph took 16 s), and deep nesting costs time before Markdig gives up with an exception. So a block
/// (lines between blank lines) may hold at most <see cref="MaxDelimiterRunsPerBlock"/> runs of markup characters,
/// and a line at most <see cref="MaxNesting"/> levels of quotes and lists. docs/security.md has the measurements.
/// </summary>
public static class MarkdownLimits
{
    /// <summary>Levels of block quotes and lists one line may open: far more than any meeting note needs.</summary>
    public const int MaxNesting = 16;

    /// <summary>Runs of [ ] ! ` * _ ~ | &lt; in one block: a list of 200 links or a table of 100 rows of three cells fits.</summary>
    public const int MaxDelimiterRunsPerBlock = 400;

    /// <summary>
    /// Table cell separators in a whole note or draft: tables cost the most per character (about 50 microseconds of
    /// CPU a cell), and 2,000 cells is 400 rows of five columns.
    /// </summary>
    public const int MaxTableCells = 2_000;

    private const string Delimiters = "[]!`*_~|<";

    /// <summary>Why this Markdown is refused (a sentence for the person who wrote it), or null if it may be rendered.</summary>
    public static string? Refusal(string markdown) => Refusal(markdown, 1);

    /// <summary>
    /// With the limits per line and per block multiplied by <paramref name="factor"/>, and no limit on table cells
    /// when it is not 1: room for a summary's own markup around notes that are each within the limits.
    /// </summary>
    internal static string? Refusal(string markdown, int factor)
    {
        var runs = 0;
        var cells = 0;
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan()[range].TrimEnd('\r');
            if (line.IsWhiteSpace())
            {
                runs = 0;
                continue;
            }

            if (Nesting(line) > MaxNesting * factor)
            {
                return $"Quotes and lists may be nested at most {MaxNesting * factor} levels deep.";
            }

            runs += DelimiterRuns(line, ref cells);
            if (factor == 1 && cells > MaxTableCells)
            {
                return $"Tables may have at most {MaxTableCells} cells in all.";
            }

            if (runs > MaxDelimiterRunsPerBlock * factor)
            {
                return $"A paragraph may hold at most {MaxDelimiterRunsPerBlock * factor} links, emphasis marks and table cells; "
                    + "split it with blank lines or remove some of the [ ] * _ ~ ` | characters.";
            }
        }

        return null;
    }

    // Block quote markers and list markers at the start of a line, plus indentation (a nested list item is indented).
    private static int Nesting(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var spaces = 0;
        var position = 0;
        while (position < line.Length)
        {
            var character = line[position];
            if (character is ' ' or '\t')
            {
                spaces += character == '\t' ? 4 : 1;
                position++;
            }
            else if (character == '>')
            {
                depth++;
                position++;
            }
            else if (character is '-' or '+' or '*' && position + 1 < line.Length && line[position + 1] == ' ')
            {
                depth++;
                position += 2;
            }
            else
            {
                var digits = position;
                while (digits < line.Length && char.IsAsciiDigit(line[digits]) && digits - position < 9)
                {
                    digits++;
                }

                if (digits > position && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ')
                {
                    depth++;
                    position = digits + 2;
                    continue;
                }

                break;
            }
        }

        return depth + spaces / 4;
    }

    private static int DelimiterRuns(ReadOnlySpan<char> line, ref int cells)
    {
        var runs = 0;
        var previous = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var character = line[i];
            if (character == '\\' && i + 1 < line.Length)
            {
                i++; // an escaped character is text
                previous = '\0';
                continue;
            }

            if (character == '|')
            {
                cells++;
            }

            if (Delimiters.Contains(character) && (character != previous || character is '[' or ']' or '|' or '<' or '!'))
            {
                runs++;
            }

            previous = character;
        }

        return runs;
    }
}
