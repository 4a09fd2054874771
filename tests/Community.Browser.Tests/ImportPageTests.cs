using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Community.Browser.Tests;

/// <summary>
/// /directory/import in Chromium: an organisation signed in with the directory cookie sends the form without a file
/// (told to choose one), then uploads the example file with one spoiled row, checks it, and sees each row's outcome
/// and the spoiled row's problem; then imports the fixed file and gets the new meetings' tokens. The page passes axe
/// and fits a phone.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class ImportPageTests(BoardSite site)
{
    [Fact]
    public async Task An_organisation_checks_a_file_sees_each_rows_problems_and_imports_it()
    {
        var page = await site.NewPersonAsync(1280);
        var errors = PageChecks.CollectErrors(page);
        await page.Context.AddCookiesAsync([await DirectoryCookieAsync(new DirectoryMember($"org-{Guid.NewGuid():N}"[..16], "Code Club Bulgaria", DirectoryRole.Organisation, [], null))]);
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "examples", "activities.csv")).ToList();
        // The second activity's start without its offset: ambiguous, so refused.
        lines[2] = lines[2].Replace("2026-11-02T17:00:00+01:00", "2026-11-02T17:00:00", StringComparison.Ordinal);

        await Screenshots.OnFailureAsync(nameof(An_organisation_checks_a_file_sees_each_rows_problems_and_imports_it), async () =>
        {
            await page.GotoAsync("/directory/import");
            // Sent without a file: the page says so, and nothing else happens.
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose a file first.");
            await page.GetByLabel("File").SetInputFilesAsync(new FilePayload
            {
                Name = "activities.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Check (dry run)" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run: nothing was changed" })).ToBeVisibleAsync();
            await Expect(page.GetByText("New: 3 · unchanged: 0 · changed: 0 · skipped: 1 · failed: 0")).ToBeVisibleAsync();
            var spoiled = page.Locator("tr", new() { HasText = "ccbg-2026-002" });
            await Expect(spoiled).ToContainTextAsync("Skipped");
            await Expect(spoiled).ToContainTextAsync("startsAt: An ISO 8601 date and time with its offset");

            Assert.Empty(await PageChecks.AxeAsync(page));
            await page.SetViewportSizeAsync(360, 780);
            Assert.Equal(0, await PageChecks.OverflowAsync(page));
            if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
            {
                await Screenshots.TakeAsync(page, folder, "import-phone", 360);
                await Screenshots.TakeAsync(page, folder, "import-laptop", 1280);
            }

            // The file fixed, imported: four new activities, waiting for moderation, with their organiser tokens shown once.
            await page.GetByLabel("File").SetInputFilesAsync(Path.Combine(RepositoryRoot.Path, "docs", "examples", "activities.csv"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported" })).ToBeVisibleAsync();
            await Expect(page.GetByText("New: 4 · unchanged: 0 · changed: 0 · skipped: 0 · failed: 0")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Organiser tokens of the new meetings", new() { Exact = false })).ToContainTextAsync("ccbg-2026-004");
            Assert.Equal(0, await PageChecks.OverflowAsync(page));
        }, page);

        Assert.Empty(errors);
    }

    /// <summary>The account, created as the operator would, and its directory cookie as the app sets it at sign-in.</summary>
    private async Task<Cookie> DirectoryCookieAsync(DirectoryMember account)
    {
        await site.Web.Cluster.Grains.GetGrain<IDirectoryAccountGrain>(account.AccountId).Create(new DirectoryAccount(
            account.AccountId, account.Name, (DirectoryAccountRole)account.Role, account.Countries, account.CampaignSlug, DateTimeOffset.UtcNow));
        var options = site.Web.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AccessSchemes.DirectoryCookie);
        var ticket = new AuthenticationTicket(account.ToPrincipal(AccessSchemes.DirectoryCookie), AccessSchemes.DirectoryCookie);
        return new Cookie { Name = options.Cookie.Name!, Value = options.TicketDataFormat.Protect(ticket), Url = site.BaseUrl };
    }
}
