using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Browser.Tests;

/// <summary>
/// A listing from the organiser's console to the moderator's desk and the public page, in Chromium: the console's
/// "Public listing" section and /moderate at 360 px pass axe and do not scroll sideways; the forms work without script.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class ModerationPageTests(BoardSite site)
{
    [Fact]
    public async Task An_organiser_lists_a_meeting_a_moderator_rejects_then_approves_it_and_its_page_becomes_public()
    {
        var organiser = await site.NewPersonAsync(360, timeZone: "Europe/Berlin");
        var moderator = await site.NewPersonAsync(360, timeZone: "Europe/Sofia");
        var errors = new[] { organiser, moderator }.Select(PageChecks.CollectErrors).ToList();
        var problems = new List<string>();
        await Screenshots.OnFailureAsync(nameof(An_organiser_lists_a_meeting_a_moderator_rejects_then_approves_it_and_its_page_becomes_public), async () =>
        {
            var meetingId = await OrganiseInBerlinAsync(organiser);
            await organiser.GotoAsync($"/m/{meetingId}/organise#listing-heading");
            var listing = organiser.Locator(".listing-panel");
            await listing.GetByLabel("Format").SelectOptionAsync(new SelectOptionValue { Label = "Workshop" });
            await listing.GetByLabel("Youngest age").FillAsync("10");
            await listing.GetByLabel("Oldest age").FillAsync("140");
            await listing.GetByLabel("Latitude").FillAsync("52.52");
            await listing.GetByLabel("Longitude").FillAsync("13.405");
            await listing.GetByRole(AriaRole.Button, new() { Name = "Save the listing" }).ClickAsync();
            await Expect(organiser.Locator(".listing-panel").GetByText("Between 0 and 120")).ToBeVisibleAsync();
            await organiser.Locator(".listing-panel").GetByLabel("Oldest age").FillAsync("14");
            await organiser.Locator(".listing-panel").GetByRole(AriaRole.Button, new() { Name = "Save the listing" }).ClickAsync();
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
            await Expect(organiser.Locator(".listing-panel")).ToContainTextAsync("Waiting for a moderator");
            await CheckAsync(organiser, "listing-console");

            await SignInAsync(moderator, await ModeratorTokenAsync("DE"));
            await Expect(moderator).ToHaveURLAsync(new Regex("/moderate$"));
            var item = moderator.Locator(".moderation-queue > li").Filter(new() { HasText = "Code club open day" });
            await Expect(item).ToContainTextAsync("Workshop");
            await CheckAsync(moderator, "moderate-queue");
            await item.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
            await Expect(moderator.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a reason");
            item = moderator.Locator(".moderation-queue > li").Filter(new() { HasText = "Code club open day" });
            await item.GetByLabel("Reason for the organiser").FillAsync("Please name the room.");
            await item.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
            await Expect(moderator.Locator(".moderation-trail")).ToContainTextAsync("Please name the room.");

            await organiser.ReloadAsync();
            await Expect(organiser.Locator(".rejection")).ToContainTextAsync("Please name the room.");
            await CheckAsync(organiser, "listing-rejected");
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

            await moderator.ReloadAsync();
            await moderator.Locator(".moderation-queue > li").Filter(new() { HasText = "Code club open day" })
                .GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(moderator.Locator(".moderation-trail li").First).ToContainTextAsync("Approved");
            await CheckAsync(moderator, "moderate-decided");

            // Cancelling the event asks for a ticked box first.
            await organiser.ReloadAsync();
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Cancel the event" }).ClickAsync();
            await Expect(organiser.Locator(".listing-panel").GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box");
            await Expect(organiser.Locator(".listing-panel")).Not.ToContainTextAsync("This event is cancelled.");

            var visitor = await site.NewPersonAsync(360);
            await visitor.GotoAsync($"/m/{meetingId}");
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Code club open day" })).ToBeVisibleAsync();
            await Expect(visitor.Locator(".listing-facts")).ToContainTextAsync("10–14 years");
            Assert.Equal(1, await visitor.Locator("script[type='application/ld+json']").CountAsync());
            await CheckAsync(visitor, "listing-public");

            await moderator.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(moderator.GetByLabel("Token")).ToBeVisibleAsync();
            await moderator.GotoAsync("/moderate");
            await Expect(moderator).ToHaveURLAsync(new Regex("/directory/sign-in"));

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var consoleErrors = errors.SelectMany(list => list).ToList();
            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        }, organiser, moderator);

        async Task CheckAsync(IPage page, string name)
        {
            problems.AddRange(await PageChecks.AxeAsync(page));
            if (await PageChecks.OverflowAsync(page) is > 0 and var overflow)
            {
                problems.Add($"{page.Url}: {overflow} px wider than a 360 px phone");
            }

            if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
            {
                await Screenshots.TakeAsync(page, folder, $"{name}-phone", 360);
                await Screenshots.TakeAsync(page, folder, $"{name}-laptop", 1280);
                await page.SetViewportSizeAsync(360, 780);
            }
        }
    }

    [Fact]
    public async Task A_bad_token_is_refused_and_a_return_url_elsewhere_is_not_followed()
    {
        var person = await site.NewPersonAsync(360);
        await person.GotoAsync("/directory/sign-in");
        await person.GetByLabel("Token").FillAsync("not-a-token");
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(person.Locator("#token-error")).ToContainTextAsync("not valid");

        await person.GotoAsync("/directory/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        await SignInAsync(person, await ModeratorTokenAsync("PL"), navigate: false);
        await Expect(person).ToHaveURLAsync(new Regex("/moderate$"));
    }

    private static async Task SignInAsync(IPage page, string token, bool navigate = true)
    {
        if (navigate)
        {
            await page.GotoAsync("/directory/sign-in");
        }

        await page.GetByLabel("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A moderator's account and token, made as the operator API makes them.</summary>
    private async Task<string> ModeratorTokenAsync(string country)
    {
        var accountId = Guid.NewGuid().ToString("N");
        var member = new DirectoryMember(accountId, $"Mila ({country})", DirectoryRole.Moderator, [country], null);
        await site.Web.Cluster.Grains.GetGrain<IDirectoryAccountGrain>(accountId)
            .Create(new DirectoryAccount(accountId, member.Name, DirectoryAccountRole.Moderator, [country], null, DateTimeOffset.UtcNow));
        return site.Web.Services.GetRequiredService<AccessTokens>().Issue(member);
    }

    /// <summary>The organiser makes a meeting in Berlin with its date, times and venue on /new; returns its id.</summary>
    private static async Task<string> OrganiseInBerlinAsync(IPage organiser)
    {
        await organiser.GotoAsync("/new");
        await organiser.GetByLabel("Your name").FillAsync("Olga Organiser");
        await organiser.GetByLabel("Title of the meeting").FillAsync("Code club open day");
        await organiser.GetByLabel("Description").FillAsync("Bring a **laptop**.");
        await organiser.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-11-02");
        await organiser.GetByLabel("Starts at").FillAsync("17:00");
        await organiser.GetByLabel("Ends at").FillAsync("19:00");
        await organiser.GetByLabel("Venue").FillAsync("Town library");
        await organiser.GetByLabel("City").FillAsync("Berlin");
        await organiser.GetByLabel("Country").FillAsync("DE");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Create the meeting" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/organise$"));
        return new Uri(organiser.Url).AbsolutePath.Split('/')[2];
    }
}
