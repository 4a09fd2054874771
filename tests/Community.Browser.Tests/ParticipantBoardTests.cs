using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>What a participant notices on the board on their phone: feedback at the tapped control, their own topics, counts said right, a page that fits.</summary>
[Collection(BoardSiteCollection.Name)]
public sealed class ParticipantBoardTests(BoardSite site)
{
    [Fact]
    public async Task A_tapped_dot_shows_it_is_pending_then_the_refusal_beside_its_card_and_counts_use_plural_forms()
    {
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(A_tapped_dot_shows_it_is_pending_then_the_refusal_beside_its_card_and_counts_use_plural_forms), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await ProposeAsync(ana, "Robotics clubs");
            var dots = Card(ana, "Robotics clubs").Locator(".dots-count");
            await Expect(dots).ToHaveTextAsync("0 dots");
            await GiveDotAsync(ana, "Robotics clubs");
            await Expect(dots).ToHaveTextAsync("1 dot");
            await Expect(ana.Locator("#status")).ToHaveTextAsync("Saved. 2 dots left.");
            await GiveDotAsync(boris, "Robotics clubs");
            await Expect(dots).ToHaveTextAsync("2 dots");

            // The server holds the second tap until the test lets it go: the button says it is busy meanwhile.
            var release = new TaskCompletionSource();
            await ana.RouteAsync("**/dots", async route =>
            {
                await release.Task;
                await route.ContinueAsync();
            });
            var more = ana.GetByRole(AriaRole.Button, new() { Name = "Give a dot to Robotics clubs" });
            await more.ClickAsync();
            await Expect(more).ToHaveAttributeAsync("aria-busy", "true");
            release.SetResult();

            // One dot per card on this board: the refusal sits in the card that was tapped, not at the top of the page.
            await Expect(Card(ana, "Robotics clubs").GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
            await Expect(ana.Locator("#problem")).ToBeEmptyAsync();
            await Expect(more).Not.ToHaveAttributeAsync("aria-busy", "true");
            await Expect(dots).ToHaveTextAsync("2 dots");

            // Bulgarian has its own forms: 1 точка, 2 точки.
            await boris.GetByRole(AriaRole.Link, new() { Name = "Български" }).ClickAsync();
            await Expect(boris.Locator("html")).ToHaveAttributeAsync("lang", "bg");
            await Expect(Card(boris, "Robotics clubs").Locator(".dots-count")).ToHaveTextAsync("2 точки");
            await boris.GetByRole(AriaRole.Button, new() { Name = "Вземете точка от Robotics clubs" }).ClickAsync();
            await Expect(Card(boris, "Robotics clubs").Locator(".dots-count")).ToHaveTextAsync("1 точка");
        }, ana, boris);
    }

    [Fact]
    public async Task I_edit_and_withdraw_my_own_topic_and_others_see_it_while_they_cannot_touch_it()
    {
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(I_edit_and_withdraw_my_own_topic_and_others_see_it_while_they_cannot_touch_it), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await ProposeAsync(ana, "Robots");
            await Expect(Card(boris, "Robots")).ToBeVisibleAsync();
            await Expect(Card(boris, "Robots").GetByRole(AriaRole.Button, new() { Name = "Edit: Robots" })).ToBeHiddenAsync();

            await ana.GetByRole(AriaRole.Button, new() { Name = "Edit: Robots" }).ClickAsync();
            var card = Card(ana, "Robots");
            await card.GetByLabel("Title", new() { Exact = true }).FillAsync("Robots in class");
            await card.GetByLabel("Description", new() { Exact = true }).FillAsync("Lego kits for ten-year-olds");
            await card.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(Card(boris, "Robots in class").Locator(".card-description")).ToHaveTextAsync("Lego kits for ten-year-olds");

            await ana.GetByRole(AriaRole.Button, new() { Name = "Withdraw: Robots in class" }).ClickAsync();
            await ana.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToHaveCountAsync(0);
            await Expect(Card(boris, "Robots in class")).ToHaveCountAsync(0);
        }, ana, boris);
    }

    [Fact]
    public async Task The_board_with_its_grid_fits_a_320_px_phone_shows_times_and_rooms_and_axe_finds_nothing_serious()
    {
        const string longName = "Anastasiakonstantinovapetrovaivanovageorgieva";
        const string longTitle = "Computationalthinkingwithoutcomputersforeveryprimaryschoolclassroom";
        var organiser = await site.NewPersonAsync(1280);
        var ana = await site.NewPersonAsync(320);
        await Screenshots.OnFailureAsync(nameof(The_board_with_its_grid_fits_a_320_px_phone_shows_times_and_rooms_and_axe_finds_nothing_serious), async () =>
        {
            var meeting = await OrganiseAsync(organiser);
            await JoinAsync(ana, meeting, longName);
            await ProposeAsync(ana, longTitle);
            await organiser.GotoAsync(meeting.BoardPath);
            var card = Card(organiser, longTitle);
            await card.GetByRole(AriaRole.Combobox, new() { Name = $"Place {longTitle} in" }).SelectOptionAsync("Round 1 · Room A");
            await card.GetByRole(AriaRole.Button, new() { Name = "Place", Exact = true }).ClickAsync();

            await Expect(ana.Locator("#grid")).ToContainTextAsync(longTitle);
            await Expect(ana.Locator("#grid tbody th").First).ToHaveTextAsync("10:00–10:45 · Round 1");
            await Expect(ana.Locator("#grid thead")).ToContainTextAsync("Room A (20 seats)");
            var link = Card(ana, longTitle).GetByRole(AriaRole.Link, new() { Name = longTitle });
            Assert.Matches($"^{Regex.Escape(meeting.BoardPath)}/c/[^/]+$", await link.GetAttributeAsync("href"));

            foreach (var width in new[] { 320, 360 })
            {
                await ana.SetViewportSizeAsync(width, 780);
                Assert.Equal(0, await PageChecks.OverflowAsync(ana));
            }

            var problems = await PageChecks.AxeAsync(ana);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var folder = Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting);
            if (folder is { Length: > 0 })
            {
                await Screenshots.TakeAsync(ana, folder, "board-participant-phone", 360, 780);
                await Screenshots.TakeAsync(ana, folder, "board-participant-laptop", 1280);
            }

            // My day, from the board: the topic I convene, when and where.
            await ana.GetByRole(AriaRole.Link, new() { Name = "My day" }).ClickAsync();
            var myDay = ana.Locator("#my-day li");
            await Expect(myDay).ToHaveCountAsync(1);
            await Expect(myDay).ToContainTextAsync(longTitle);
            await Expect(myDay).ToContainTextAsync("You convene");
            await Expect(myDay).ToContainTextAsync("10:00–10:45 · Round 1");
            await Expect(myDay).ToContainTextAsync("Room A, capacity 20");
            Assert.Matches($"^{Regex.Escape(meeting.BoardPath)}/c/[^/]+$", await myDay.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
            foreach (var width in new[] { 320, 360 })
            {
                await ana.SetViewportSizeAsync(width, 780);
                Assert.Equal(0, await PageChecks.OverflowAsync(ana));
            }

            if (folder is { Length: > 0 })
            {
                await Screenshots.TakeAsync(ana, folder, "my-day-phone", 360, 780);
                await Screenshots.TakeAsync(ana, folder, "my-day-laptop", 1280);
            }
        }, organiser, ana);
    }
}
