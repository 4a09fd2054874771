namespace Community.Browser.Tests;

/// <summary>The home page and the join link on a phone: a short code is said next to the field.</summary>
[Collection(BoardSiteCollection.Name)]
public sealed class CodeEntryTests(BoardSite site)
{
    [Fact]
    public async Task A_short_code_is_said_next_to_the_field_on_a_phone_and_a_board_link_comes_back_after_joining()
    {
        var person = await site.NewPersonAsync(360, 780);
        await Screenshots.OnFailureAsync(nameof(A_short_code_is_said_next_to_the_field_on_a_phone_and_a_board_link_comes_back_after_joining), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await person.GotoAsync("/");
            await person.GetByLabel("Meeting code").FillAsync("AB");
            await person.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
            await Expect(person.Locator("#code-error")).ToHaveTextAsync(new Regex("^A meeting code has 6 letters and digits"));
            await Expect(person.GetByLabel("Meeting code")).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.False(await person.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth"));
            await DocsScreenshotAsync(person, "home");

            // A board link opened before joining: the person types the code the room gives, and joining lands on the board.
            await person.GotoAsync(meeting.BoardPath);
            await Expect(person.GetByLabel("Meeting code")).ToHaveValueAsync("");
            await person.GetByLabel("Meeting code").FillAsync(meeting.Code);
            await person.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
            await Expect(person.GetByLabel("Your name")).ToBeVisibleAsync();
            Assert.False(await person.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth"));
            await DocsScreenshotAsync(person, "join");
            await person.GetByLabel("Your name").FillAsync("Ana");
            await person.GetByRole(AriaRole.Button, new() { Name = "Join the meeting" }).ClickAsync();
            await Expect(person).ToHaveURLAsync(new Regex(Regex.Escape(meeting.BoardPath) + "$"));
            await Expect(person.Locator("#remaining")).Not.ToBeEmptyAsync();
        }, person);
    }

    private static async Task DocsScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
        {
            await Screenshots.TakeAsync(page, folder, $"{name}-phone", 360, 780);
            await Screenshots.TakeAsync(page, folder, $"{name}-laptop", 1280);
            await page.SetViewportSizeAsync(360, 780);
        }
    }
}
