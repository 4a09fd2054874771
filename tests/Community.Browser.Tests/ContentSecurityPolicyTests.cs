using System.Collections.Concurrent;

namespace Community.Browser.Tests;

/// <summary>
/// Every page works under the Content-Security-Policy the site sends (scripts and styles from files only): Chromium
/// reports each blocked inline script, style attribute or foreign load as a "securitypolicyviolation" event and a
/// console error, and this test collects both while people use every page.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class ContentSecurityPolicyTests(BoardSite site)
{
    /// <summary>Runs before any script of each document, so the page cannot miss reporting its own violations.</summary>
    internal const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', event =>
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`));
        """;

    [Fact]
    public async Task No_page_violates_the_content_security_policy_while_people_use_it()
    {
        var violations = new ConcurrentQueue<string>();
        var organiser = await WatchedPersonAsync(violations, width: 1280);
        var participant = await WatchedPersonAsync(violations);
        await Screenshots.OnFailureAsync(nameof(No_page_violates_the_content_security_policy_while_people_use_it), async () =>
        {
            // /new, the organiser's console with its QR code, the board form.
            var meeting = await OrganiseAsync(organiser, "Policy meeting");
            await Expect(organiser.Locator("img.qr")).ToHaveJSPropertyAsync("naturalWidth", 640);

            // The home page's code form, /j/{code}, the meeting page, the live board with its script.
            await JoinAsync(participant, meeting, "Petra");
            await ProposeAsync(participant, "Robots in class");
            await GiveDotAsync(participant, "Robots in class");
            await Expect(Card(participant, "Robots in class").Locator(".dots-count")).ToHaveTextAsync("1 dot");

            // The projector's SVG ranking and QR code, the organiser's board view, the summary, the language switch.
            await organiser.GotoAsync($"{meeting.BoardPath}/projector");
            await Expect(organiser.Locator("#ranking li")).ToHaveCountAsync(1);
            await organiser.GotoAsync(meeting.BoardPath);
            await Expect(Card(organiser, "Robots in class")).ToBeVisibleAsync();
            await organiser.GotoAsync($"{meeting.MeetingPath}/summary");
            await participant.GotoAsync($"{meeting.MeetingPath}/organise");
            await Expect(participant).ToHaveURLAsync(new Regex("/denied"));
            await participant.GotoAsync($"/language/bg?returnUrl={Uri.EscapeDataString(meeting.BoardPath)}");
            await Expect(participant.Locator("#remaining")).Not.ToBeEmptyAsync();

            Assert.True(violations.IsEmpty, string.Join(Environment.NewLine, violations));

            // The listener does hear a violation: an inline style attribute set by script is one.
            await participant.EvaluateAsync("document.body.setAttribute('style', 'outline: 1px solid red')");
            await participant.ReloadAsync();
            Assert.NotEmpty(violations);
        }, organiser, participant);
    }

    private async Task<IPage> WatchedPersonAsync(ConcurrentQueue<string> violations, int width = 360)
    {
        var person = await site.NewPersonAsync(width);
        await person.Context.AddInitScriptAsync(ReportViolations);
        person.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.StartsWith("CSP violation", StringComparison.Ordinal)
                || message.Text.Contains("Content Security Policy", StringComparison.Ordinal)))
            {
                violations.Enqueue($"{person.Url}: {message.Text}");
            }
        };
        return person;
    }
}
