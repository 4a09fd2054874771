using Community.Content;

namespace Community.Content.Tests;

/// <summary>The worst cases of the issue are refused by a linear scan before Markdig sees them; what is within the limits renders.</summary>
public sealed class MarkdownLimitsTests
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static TheoryData<string, string> WorstCases => new()
    {
        // 40,000 took 16 s of CPU; 19,000 ">" made publishing fail with a 500 for ever.
        { "unclosed links", Repeat("[x](", 40_000) },
        { "block quotes", new string('>', 19_000) },
        { "unclosed images", Repeat("![x](", 10_000) },
        { "emphasis delimiters", Repeat("*a_", 5_000) },
        { "brackets", new string('[', 20_000) },
        { "a table row of 8,000 cells", "|a|\n|-|\n" + Repeat("|x", 8_000) },
        { "a list nested 1,000 levels", string.Join("\n", Enumerable.Range(0, 1_000).Select(level => new string(' ', level * 2) + "- x")) },
        { "quotes nested in a list", string.Join("\n", Enumerable.Range(0, 40).Select(_ => "> - ")) + "> - " + Repeat("> ", 40) + "x" },
    };

    [Theory]
    [MemberData(nameof(WorstCases))]
    public void The_worst_cases_are_refused_at_save_and_never_throw_when_rendered(string what, string markdown)
    {
        Assert.NotNull(MarkdownLimits.Refusal(markdown));
        Assert.False(MarkdownRenderer.TryToHtml(markdown, out var html), what);
        Assert.Null(html);
    }

    [Fact]
    public void Tables_are_limited_in_cells_over_the_whole_text()
    {
        var sevenTables = string.Join("\n\n", Enumerable.Repeat("|a|b|\n|-|-|\n" + Repeat("|x|y|\n", 100), 7));

        Assert.Contains("cells", MarkdownLimits.Refusal(sevenTables));
    }

    [Fact]
    public void Split_into_paragraphs_the_same_markup_is_fine()
    {
        var paragraphs = string.Join("\n\n", Enumerable.Repeat(Repeat("[x](", 100), 20));

        Assert.Null(MarkdownLimits.Refusal(paragraphs));
        Assert.True(MarkdownRenderer.TryToHtml(paragraphs, out _));
    }

    public static TheoryData<string> Ordinary => new()
    {
        new string('>', MarkdownLimits.MaxNesting) + " deep but allowed",
        "| Topic | Dots |\n|---|---|\n" + string.Join("\n", Enumerable.Range(1, 100).Select(row => $"| Topic {row} | {row} |")),
        string.Join("\n\n", Enumerable.Range(1, 6).Select(table => "| Topic | Dots |\n|---|---|\n" + string.Join("\n", Enumerable.Range(1, 100).Select(row => $"| Topic {row} | {row} |")))),
        string.Join("\n", Enumerable.Range(1, 200).Select(item => $"- [Link {item}](https://example.org/{item})")),
        Repeat(@"Escaped \[x\]\( and \*stars\* are text. ", 500),
        "# Ideas\n\n1. prompts\n   - ethics\n     > quote\n\n```\n    deeply      indented code\n```",
    };

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void What_people_write_at_a_meeting_is_within_the_limits(string markdown)
    {
        Assert.Null(MarkdownLimits.Refusal(markdown));
        Assert.True(MarkdownRenderer.TryToHtml(markdown, out var html));
        Assert.NotEmpty(html);
    }

    [Fact]
    public void Markup_just_within_the_limit_renders()
    {
        var markdown = Repeat("[x](", MarkdownLimits.MaxDelimiterRunsPerBlock / 2);

        Assert.Null(MarkdownLimits.Refusal(markdown));
        Assert.NotNull(MarkdownLimits.Refusal(markdown + "[x]("));
        Assert.True(MarkdownRenderer.TryToHtml(markdown, out _));
    }
}
