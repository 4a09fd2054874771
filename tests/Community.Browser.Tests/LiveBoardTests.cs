namespace Community.Browser.Tests;

[Collection(BoardSiteCollection.Name)]
public sealed class LiveBoardTests(BoardSite site)
{
    [Fact]
    public async Task A_topic_and_its_dots_reach_another_phone_without_a_reload()
    {
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(A_topic_and_its_dots_reach_another_phone_without_a_reload), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            var borisUrl = boris.Url;
            await Expect(ana.Locator("#watchers")).ToHaveTextAsync("2 watching");

            await ProposeAsync(ana, "AI in the classroom");
            await Expect(Card(boris, "AI in the classroom")).ToBeVisibleAsync();
            await Expect(Card(boris, "AI in the classroom")).ToContainTextAsync("by Ana");

            await GiveDotAsync(ana, "AI in the classroom");
            await Expect(Card(boris, "AI in the classroom").Locator(".dots-count")).ToHaveTextAsync("1 dot");
            await Expect(ana.Locator("#remaining")).ToHaveTextAsync("2 of 3 left");
            Assert.Equal(borisUrl, boris.Url);
        }, ana, boris);
    }

    [Fact]
    public async Task The_budget_shows_what_is_left_and_a_fourth_dot_is_refused_and_explained()
    {
        var ana = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(The_budget_shows_what_is_left_and_a_fourth_dot_is_refused_and_explained), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            string[] topics = ["Supporting girls in tech", "Robotics clubs", "Teacher training", "Open data in schools"];
            foreach (var topic in topics)
            {
                await ProposeAsync(ana, topic);
            }

            await Expect(ana.Locator("#remaining")).ToHaveTextAsync("3 of 3 left");
            foreach (var topic in topics[..3])
            {
                await GiveDotAsync(ana, topic);
            }

            await Expect(ana.Locator("#remaining")).ToHaveTextAsync("0 of 3 left");
            await Expect(Card(ana, topics[2]).Locator(".dots-count")).ToHaveTextAsync("1 dot");

            await GiveDotAsync(ana, topics[3]);
            await Expect(Card(ana, topics[3]).GetByRole(AriaRole.Alert)).ToHaveTextAsync("You have used all your dots. Take one back from another topic to give it here.");
            await Expect(ana.Locator("#remaining")).ToHaveTextAsync("0 of 3 left");
            await Expect(Card(ana, topics[3]).Locator(".dots-count")).ToHaveTextAsync("0 dots");

            // After a reload the server's count is what shows: the refused dot was never stored.
            await ana.ReloadAsync();
            await Expect(Card(ana, topics[3]).Locator(".dots-count")).ToHaveTextAsync("0 dots");
            await Expect(ana.Locator("#remaining")).ToHaveTextAsync("0 of 3 left");
        }, ana);
    }

    [Fact]
    public async Task A_facilitator_places_topics_in_the_grid_by_keyboard_and_by_drag_and_both_participants_see_them()
    {
        var organiser = await site.NewPersonAsync(1280);
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(A_facilitator_places_topics_in_the_grid_by_keyboard_and_by_drag_and_both_participants_see_them), async () =>
        {
            var meeting = await OrganiseAsync(organiser);
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await ProposeAsync(ana, "Coding in kindergarten");
            await ProposeAsync(boris, "Hackathons for teens");
            await boris.GetByRole(AriaRole.Button, new() { Name = "I'm interested: Coding in kindergarten" }).ClickAsync();
            await organiser.GotoAsync(meeting.BoardPath);

            // The keyboard way: the card's "Place in" list and its button.
            var card = Card(organiser, "Coding in kindergarten");
            var placeIn = card.GetByRole(AriaRole.Combobox, new() { Name = "Place Coding in kindergarten in" });
            await placeIn.SelectOptionAsync("Round 1 · Room A");
            // A live update between choosing and pressing Place keeps the facilitator's choice.
            await ana.GetByRole(AriaRole.Button, new() { Name = "I'm interested: Hackathons for teens" }).ClickAsync();
            await Expect(Card(organiser, "Hackathons for teens")).ToContainTextAsync("1 interested");
            await Expect(placeIn.Locator("option:checked")).ToHaveTextAsync("Round 1 · Room A");
            await card.GetByRole(AriaRole.Button, new() { Name = "Place", Exact = true }).ClickAsync();
            var cellA1 = "#grid tbody tr:nth-child(1) td:nth-child(2)";
            foreach (var person in new[] { ana, boris })
            {
                await Expect(person.Locator(cellA1)).ToContainTextAsync("Coding in kindergarten");
                await Expect(Card(person, "Coding in kindergarten").Locator(".card-place")).ToHaveTextAsync("10:00–10:45 · Round 1 · Room A");
            }

            await Expect(boris.Locator(cellA1)).ToContainTextAsync("You're interested");

            // The pointer way: drag the other card into Round 2, Room B.
            var cellB2 = "#grid tbody tr:nth-child(2) td:nth-child(3)";
            await Card(organiser, "Hackathons for teens").DragToAsync(organiser.Locator(cellB2));
            await Expect(ana.Locator(cellB2)).ToContainTextAsync("Hackathons for teens");
            await Expect(boris.Locator(cellB2)).ToContainTextAsync("Hackathons for teens");

            // A taken cell is refused and the reason is said where a screen reader hears it.
            var hackathons = Card(organiser, "Hackathons for teens");
            await hackathons.GetByRole(AriaRole.Combobox, new() { Name = "Place Hackathons for teens in" }).SelectOptionAsync("Round 1 · Room A");
            await hackathons.GetByRole(AriaRole.Button, new() { Name = "Place", Exact = true }).ClickAsync();
            await Expect(organiser.GetByRole(AriaRole.Alert)).ToContainTextAsync("That cell is taken");
            await Expect(hackathons.GetByRole(AriaRole.Combobox, new() { Name = "Place Hackathons for teens in" }).Locator("option:checked")).ToHaveTextAsync("Round 2 · Room B");
            await Expect(ana.Locator(cellB2)).ToContainTextAsync("Hackathons for teens");

            if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
            {
                await Screenshots.TakeAsync(boris, folder, "participant-phone", 360, 780);
                await Screenshots.TakeAsync(organiser, folder, "facilitator-grid", 1280);
            }
        }, organiser, ana, boris);
    }

    [Fact]
    public async Task A_phone_that_goes_offline_and_comes_back_converges_on_the_board()
    {
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(A_phone_that_goes_offline_and_comes_back_converges_on_the_board), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await ProposeAsync(ana, "Before the outage");
            await Expect(Card(boris, "Before the outage")).ToBeVisibleAsync();

            await boris.Context.SetOfflineAsync(true);
            await Expect(boris.Locator("#connection")).ToHaveTextAsync("Connection lost. Reconnecting…");
            await ProposeAsync(ana, "During the outage");
            await GiveDotAsync(ana, "Before the outage");
            await Expect(Card(ana, "Before the outage").Locator(".dots-count")).ToHaveTextAsync("1 dot");

            await boris.Context.SetOfflineAsync(false);
            await Expect(boris.Locator("#connection")).ToHaveTextAsync("Back online. The board is up to date.");
            await Expect(Card(boris, "During the outage")).ToBeVisibleAsync();
            await Expect(Card(boris, "Before the outage").Locator(".dots-count")).ToHaveTextAsync("1 dot");
        }, ana, boris);
    }

    [Fact]
    public async Task A_title_that_looks_like_markup_is_shown_as_text_and_runs_nothing()
    {
        var screen = await site.NewPersonAsync(1280);
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        var dialogs = new List<string>();
        boris.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        screen.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await Screenshots.OnFailureAsync(nameof(A_title_that_looks_like_markup_is_shown_as_text_and_runs_nothing), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "<b>Ana</b>");
            await JoinAsync(boris, meeting, "Boris");
            await JoinAsync(screen, meeting.AsFacilitator, "Big screen");
            await screen.GotoAsync(meeting.BoardPath + "/projector");
            const string title = "<img src=x onerror=alert(1)>";
            await ProposeAsync(ana, title);

            var card = Card(boris, title);
            await Expect(card.Locator(".card-title")).ToHaveTextAsync(title);
            await Expect(card).ToContainTextAsync("by <b>Ana</b>");
            await Expect(boris.Locator("#lanes img")).ToHaveCountAsync(0);
            await Expect(screen.Locator("#ranking")).ToContainTextAsync(title);
            await Expect(screen.Locator("#ranking img")).ToHaveCountAsync(0);
            Assert.Empty(dialogs);
        }, screen, ana, boris);
    }

    [Fact]
    public async Task The_projector_ranks_topics_by_dots_as_they_come_in()
    {
        var facilitator = await site.NewPersonAsync(1280, 800);
        var ana = await site.NewPersonAsync();
        var boris = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(The_projector_ranks_topics_by_dots_as_they_come_in), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await JoinAsync(facilitator, meeting.AsFacilitator, "Fatima");
            var screen = await facilitator.Context.NewPageAsync();
            await screen.GotoAsync(meeting.BoardPath + "/projector");
            await Expect(screen.Locator(".join-code")).ToHaveTextAsync(meeting.Code);
            await Expect(screen.GetByRole(AriaRole.Img, new() { Name = "QR code for" })).ToBeVisibleAsync();

            await ProposeAsync(ana, "Digital citizenship");
            await ProposeAsync(ana, "Game design");
            await Expect(screen.Locator("#ranking li")).ToHaveCountAsync(2);
            await GiveDotAsync(ana, "Game design");
            await GiveDotAsync(boris, "Game design");
            var rows = screen.Locator("#ranking li");
            await Expect(rows.First).ToContainTextAsync("Game design");
            await Expect(rows.First.Locator(".rank-count")).ToHaveTextAsync("2");

            await GiveDotAsync(ana, "Digital citizenship");
            await GiveDotAsync(boris, "Digital citizenship");
            await Expect(rows.Filter(new() { HasText = "Digital citizenship" }).Locator(".rank-count")).ToHaveTextAsync("2");

            // The facilitator starts a round: its countdown shows on the big screen and on every phone.
            await facilitator.GetByLabel("Name of the round").FillAsync("Round 1");
            await facilitator.GetByLabel("Minutes").FillAsync("25");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Start the round" }).ClickAsync();
            await Expect(screen.Locator("#round-label")).ToHaveTextAsync("Round 1");
            await Expect(screen.Locator("#countdown")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d$"));
            await Expect(ana.Locator("#round")).ToHaveTextAsync(new Regex(@"^Round 1: \d\d:\d\d left$"));

            if (Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
            {
                await ProposeAsync(boris, "Climate data projects");
                await GiveDotAsync(boris, "Climate data projects");
                await Expect(screen.Locator("#ranking li")).ToHaveCountAsync(3);
                await Screenshots.TakeAsync(screen, folder, "projector", 1280, 800);
            }
        }, facilitator, ana, boris);
    }
}
