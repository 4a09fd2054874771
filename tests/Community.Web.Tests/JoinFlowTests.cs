using System.Net;

namespace Community.Web.Tests;

/// <summary>The home page and the join link as a person's browser uses them: cookies kept, redirects looked at one by one.</summary>
[Collection(WebCollection.Name)]
public sealed class JoinFlowTests(WebFixture fixture)
{
    [Theory]
    [InlineData("AB", "A meeting code has 6 letters and digits")]
    [InlineData("hh-hh hh", "No meeting or invite has the code HHHHHH")]
    public async Task A_short_or_unknown_code_on_the_home_page_is_said_next_to_the_field(string typed, string problem)
    {
        using var browser = NewBrowser();

        using var posted = await PageForms.PostAsync(browser, "/", "/", new Dictionary<string, string> { ["code"] = typed });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Matches($"<p id=\"code-error\" class=\"field-error\">{problem}", page);
        Assert.Contains("aria-invalid=\"true\"", page);
        Assert.Contains($"value=\"{typed}\"", page);
    }

    [Theory]
    [InlineData("AB", "A meeting code has 6 letters and digits")]
    [InlineData("HHHHHH", "No meeting or invite has the code HHHHHH")]
    public async Task A_join_link_with_a_short_or_unknown_code_shows_the_code_field_with_the_problem_next_to_it(string code, string problem)
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync($"/j/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Matches($"<p id=\"code-error\" class=\"field-error\">{problem}", page);
        Assert.Contains("name=\"code\"", page);
    }

    [Fact]
    public async Task A_board_link_opened_before_joining_comes_back_to_the_board_after_joining()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        var board = await fixture.App.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId);
        var boardPath = $"/m/{meeting.MeetingId}/b/{board.BoardId}";
        using var browser = NewBrowser();

        // Not a member yet: the board sends the person to the home page, which does not give the code away.
        using var opened = await browser.GetAsync(boardPath);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var home = opened.Headers.Location!.PathAndQuery;
        Assert.Equal($"/?ReturnUrl={Uri.EscapeDataString(boardPath)}", home);
        var homePage = await browser.GetStringAsync(home);
        Assert.DoesNotContain(meeting.JoinCode, homePage);

        using var coded = await PageForms.PostAsync(browser, home, "/", new Dictionary<string, string> { ["code"] = meeting.JoinCode, ["returnUrl"] = boardPath });
        Assert.Equal(HttpStatusCode.Redirect, coded.StatusCode);
        var join = coded.Headers.Location!.OriginalString;
        Assert.Equal($"/j/{meeting.JoinCode}?returnUrl={Uri.EscapeDataString(boardPath)}", join);

        using var joined = await PageForms.PostAsync(browser, join, join, new Dictionary<string, string> { ["name"] = "Ana" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(boardPath, joined.Headers.Location!.OriginalString);
        using var boardPage = await browser.GetAsync(boardPath);
        Assert.Equal(HttpStatusCode.OK, boardPage.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/m/x")]
    [InlineData("//evil.example/m/x")]
    [InlineData("/\\evil.example/m/x")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_to_another_site_is_refused_and_joining_lands_on_the_meeting(string returnUrl)
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var browser = NewBrowser();

        var homePage = await browser.GetStringAsync($"/?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.DoesNotContain("name=\"returnUrl\"", homePage);
        using var coded = await PageForms.PostAsync(browser, "/", "/", new Dictionary<string, string> { ["code"] = meeting.JoinCode, ["returnUrl"] = returnUrl });
        Assert.Equal($"/j/{meeting.JoinCode}", coded.Headers.Location!.OriginalString);

        var join = $"/j/{meeting.JoinCode}?returnUrl={Uri.EscapeDataString(returnUrl)}";
        Assert.DoesNotContain("name=\"returnUrl\"", await browser.GetStringAsync(join));
        using var joined = await PageForms.PostAsync(browser, join, join, new Dictionary<string, string> { ["name"] = "Ana", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/m/{meeting.MeetingId}", joined.Headers.Location!.OriginalString);
    }

    private HttpClient NewBrowser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.App.BaseAddress };
}
