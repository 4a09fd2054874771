namespace Community.Browser.Tests;

[Collection(BoardSiteCollection.Name)]
public sealed class LanguageTests(BoardSite site)
{
    [Fact]
    public async Task A_Bulgarian_browser_gets_Bulgarian_and_the_switch_changes_the_language_and_keeps_it()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, Locale = "bg-BG" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Влезте в среща");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bg");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join a meeting");
        await page.GotoAsync("/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create a meeting");
        await context.CloseAsync();
    }
}
