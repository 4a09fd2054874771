using Community.Content;
using Community.Testing.Html;

namespace Community.Content.Tests;

public sealed class MarkdownRendererTests
{
    public static TheoryData<string> XssPayloads => new()
    {
        "<script>alert(1)</script>",
        "Before <script>alert(1)</script> after",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">raw link</a>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](javascript&#58;alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](jav&#x09;ascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][evil]\n\n[evil]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "www.example.com/\"onmouseover=\"alert(1)",
        "![pic](javascript:alert(1))",
        "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![pic\" onerror=\"alert(1)](/media/x.jpg)",
        "# Title {onclick=\"alert(1)\"}",
        "[link](https://example.org){onmouseover=\"alert(1)\"}",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    };

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void Xss_payloads_render_to_inert_html(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        Assert.Empty(ExecutableMarkup.Find(html));
    }

    [Fact]
    public void Script_tags_come_out_as_visible_text_not_markup()
    {
        var html = MarkdownRenderer.ToHtml("Before <script>alert(1)</script> after");

        Assert.Empty(ExecutableMarkup.Select(html, "script"));
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Http_https_and_mailto_links_survive_with_rel_nofollow_ugc()
    {
        var html = MarkdownRenderer.ToHtml(
            "[site](https://codeweek.eu) [plain](http://example.org/a?b=c) [mail](mailto:info@codeweek.eu) https://auto.example/link");

        var links = ExecutableMarkup.Select(html, "a");
        Assert.Equal(
            ["https://codeweek.eu", "http://example.org/a?b=c", "mailto:info@codeweek.eu", "https://auto.example/link"],
            links.Select(link => link.GetAttribute("href")));
        Assert.All(links, link => Assert.Equal("nofollow ugc", link.GetAttribute("rel")));
    }

    [Fact]
    public void Rel_given_by_an_author_is_replaced()
    {
        var html = MarkdownRenderer.ToHtml("[x](https://example.org \"t\")");

        Assert.Equal("nofollow ugc", Assert.Single(ExecutableMarkup.Select(html, "a")).GetAttribute("rel"));
    }

    [Fact]
    public void Images_show_only_from_our_own_media()
    {
        var html = MarkdownRenderer.ToHtml(
            "![flip chart](/media/0f3c9a.jpg) ![tracker](https://evil.example/pixel.png) ![escape](/media/../secrets.jpg) ![other](//evil.example/media/a.jpg)");

        var sources = ExecutableMarkup.Select(html, "img").Select(image => image.GetAttribute("src")).ToList();
        Assert.Equal(["/media/0f3c9a.jpg", null, null, null], sources);
    }

    [Fact]
    public void Ordinary_markdown_renders_headings_lists_tables_and_emphasis()
    {
        var html = MarkdownRenderer.ToHtml("# Sofia\n\n- **AI** in class\n- ~~old~~ new\n\n| Topic | Dots |\n|---|---|\n| AI | 7 |");

        Assert.Equal("Sofia", Assert.Single(ExecutableMarkup.Select(html, "h1")).TextContent);
        Assert.Equal(2, ExecutableMarkup.Select(html, "li").Count);
        Assert.Single(ExecutableMarkup.Select(html, "strong"));
        Assert.Single(ExecutableMarkup.Select(html, "del"));
        Assert.Equal(["Topic", "Dots", "AI", "7"], ExecutableMarkup.Select(html, "th, td").Select(cell => cell.TextContent));
    }

    [Fact]
    public void Generic_attributes_are_not_parsed()
    {
        var html = MarkdownRenderer.ToHtml("# Title {#custom .klass data-x=1}");

        var heading = Assert.Single(ExecutableMarkup.Select(html, "h1"));
        Assert.Empty(heading.Attributes);
        Assert.Contains("{#custom", heading.TextContent);
    }
}
