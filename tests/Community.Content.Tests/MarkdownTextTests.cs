using Community.Content;
using Community.Testing.Html;

namespace Community.Content.Tests;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Teacher training *that sticks*")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![pic](/media/a.jpg)")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Nikolai_Petrov & co | `code` ~~gone~~")]
    [InlineData("1. not a list")]
    [InlineData("- not a list either")]
    [InlineData("# not a heading #")]
    [InlineData("&lt;b&gt; stays an entity name")]
    [InlineData("> not a quote")]
    [InlineData("Ivanova\\")]
    public void Escaped_text_renders_as_exactly_that_text(string text)
    {
        var html = MarkdownRenderer.ToHtml(MarkdownText.Escape(text));

        var paragraph = Assert.Single(ExecutableMarkup.Select(html, "body > *"));
        Assert.Equal("P", paragraph.NodeName);
        Assert.Empty(paragraph.Children);
        Assert.Equal(text, paragraph.TextContent);
    }

    [Fact]
    public void Line_breaks_in_text_become_spaces()
    {
        Assert.Equal("one two", MarkdownText.Escape("one\ntwo"));
    }

    [Fact]
    public void Outline_takes_the_first_heading_and_enough_opening_paragraphs_for_a_preview()
    {
        var (title, description) = MarkdownText.Outline(
            "# EU Code Week in *Sofia*\n\n*3 April 2025 · Sofia, BG*\n\nTeachers from across Europe met to share what worked and to plan the next Code Week together.\n\nMore later.",
            "fallback");

        Assert.Equal("EU Code Week in Sofia", title);
        Assert.Equal("3 April 2025 · Sofia, BG · Teachers from across Europe met to share what worked and to plan the next Code Week together.", description);
    }

    [Fact]
    public void Outline_falls_back_to_the_given_title_and_cuts_long_descriptions()
    {
        var (title, description) = MarkdownText.Outline(new string('a', 500), "Meeting title");

        Assert.Equal("Meeting title", title);
        Assert.Equal(MarkdownText.MaxDescriptionLength, description.Length);
        Assert.EndsWith("…", description);
    }
}
