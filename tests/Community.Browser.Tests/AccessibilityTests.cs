namespace Community.Browser.Tests;

[Collection(BoardSiteCollection.Name)]
public sealed class AccessibilityTests(BoardSite site)
{
    [Fact]
    public async Task Axe_finds_nothing_serious_or_critical_on_any_page()
    {
        var organiser = await site.NewPersonAsync(1280);
        var ana = await site.NewPersonAsync();
        var problems = new List<string>();
        await Screenshots.OnFailureAsync(nameof(Axe_finds_nothing_serious_or_critical_on_any_page), async () =>
        {
            await CheckAsync(ana, "/");
            await CheckAsync(ana, "/new");
            await CheckAsync(ana, "/denied");
            var meeting = await OrganiseAsync(organiser);
            await CheckAsync(organiser, meeting.MeetingPath + "/organise");
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Create an invite link" }).ClickAsync();
            await Expect(organiser.GetByLabel("Invite link")).ToBeVisibleAsync();
            await CheckAsync(organiser, null);
            await CheckAsync(ana, "/j/" + meeting.Code);
            await CheckAsync(ana, "/j/XXXXXX");

            await JoinAsync(ana, meeting, "Ana");
            await CheckAsync(ana, meeting.MeetingPath);
            await ana.GotoAsync(meeting.BoardPath);
            await ProposeAsync(ana, "Inclusive classrooms");
            await GiveDotAsync(ana, "Inclusive classrooms");
            await ana.GetByRole(AriaRole.Button, new() { Name = "I'm interested: Inclusive classrooms" }).ClickAsync();
            await CheckAsync(ana, null);

            await organiser.GotoAsync(meeting.BoardPath);
            var card = Card(organiser, "Inclusive classrooms");
            await card.GetByRole(AriaRole.Combobox, new() { Name = "Place Inclusive classrooms in" }).SelectOptionAsync("Round 1 · Room A");
            await card.GetByRole(AriaRole.Button, new() { Name = "Place", Exact = true }).ClickAsync();
            await Expect(organiser.Locator("#grid")).ToContainTextAsync("Inclusive classrooms");
            await CheckAsync(organiser, null);
            await Expect(ana.Locator("#grid")).ToContainTextAsync("Inclusive classrooms");
            await CheckAsync(ana, null);

            await organiser.GotoAsync(meeting.BoardPath + "/projector");
            await Expect(organiser.Locator("#schedule-wall")).ToContainTextAsync("Inclusive classrooms");
            await CheckAsync(organiser, null);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }, organiser, ana);

        async Task CheckAsync(IPage page, string? path)
        {
            if (path is not null)
            {
                await page.GotoAsync(path);
            }

            problems.AddRange(await PageChecks.AxeAsync(page));
        }
    }
}
