using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>
/// A facilitator running a board from a laptop while a participant follows on a phone: hidden dot counts, hide and
/// merge that ask first and can be undone, the list of hidden and merged cards, ordering by dots, and regional boards
/// whose cards link with each other.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class FacilitationBoardTests(BoardSite site)
{
    [Fact]
    public async Task A_facilitator_hides_counts_until_voting_closes_and_hides_and_merges_with_a_question_first_and_a_way_back()
    {
        var ana = await site.NewPersonAsync();
        var filip = await site.NewPersonAsync(1280, 900);
        await Screenshots.OnFailureAsync(nameof(A_facilitator_hides_counts_until_voting_closes_and_hides_and_merges_with_a_question_first_and_a_way_back), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(filip, meeting.AsFacilitator, "Filip");
            await ProposeAsync(ana, "Robots in class");
            await ProposeAsync(ana, "Robotics clubs");

            // Counts hidden: Ana's dot is taken, but nobody on a phone sees the race; the facilitator still does.
            await filip.GetByRole(AriaRole.Button, new() { Name = "Hide dot counts from participants until voting closes" }).ClickAsync();
            await Expect(ana.Locator("#dots-note")).ToHaveTextAsync("Dot counts stay hidden until voting closes, so everyone votes on their own.");
            await GiveDotAsync(ana, "Robotics clubs");
            await Expect(ana.Locator("#status")).ToHaveTextAsync("Saved. 2 dots left.");
            await Expect(Card(filip, "Robotics clubs").Locator(".dots-count")).ToHaveTextAsync("1 dot");
            await Expect(Card(ana, "Robotics clubs").Locator(".dots-count")).ToBeHiddenAsync();

            // Ordering by dots while placing puts the dotted topic first.
            await Expect(filip.Locator("li.card .card-title").First).ToHaveTextAsync("Robots in class");
            await filip.GetByLabel("Order").SelectOptionAsync("Most dots first");
            await Expect(filip.Locator("li.card .card-title").First).ToHaveTextAsync("Robotics clubs");

            // Hide asks first; keeping it changes nothing, hiding takes it off every board, and Undo brings it back.
            await filip.GetByLabel("More for Robots in class").ClickAsync();
            var robots = Card(filip, "Robots in class");
            await robots.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
            await Expect(robots.GetByText("Hide “Robots in class”? Its dots go back to the voters.")).ToBeVisibleAsync();
            await robots.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToBeVisibleAsync();
            await robots.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
            await robots.GetByRole(AriaRole.Button, new() { Name = "Yes, do it" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToHaveCountAsync(0);
            await Expect(filip.Locator("#undo-text")).ToHaveTextAsync("“Robots in class” is hidden.");
            await filip.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToBeVisibleAsync();
            await Expect(filip.Locator("#undo")).ToBeHiddenAsync();

            // Merging asks too; the merged card waits in the facilitator's list, from where it can be restored.
            await filip.GetByLabel("More for Robots in class").ClickAsync();
            await robots.GetByRole(AriaRole.Button, new() { Name = "Merge" }).ClickAsync();
            await robots.GetByRole(AriaRole.Button, new() { Name = "Yes, do it" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToHaveCountAsync(0);
            await filip.GetByText("Hidden and merged cards").ClickAsync();
            var listed = filip.Locator("#retired-list li", new() { HasText = "Robots in class" });
            await Expect(listed).ToContainTextAsync("merged into “Robotics clubs”");
            await listed.GetByRole(AriaRole.Button, new() { Name = "Restore: Robots in class" }).ClickAsync();
            await Expect(Card(ana, "Robots in class")).ToBeVisibleAsync();
            await Expect(filip.Locator("#retired-list")).ToHaveTextAsync("No hidden or merged cards.");

            // Closing voting shows everyone the counts.
            await filip.GetByRole(AriaRole.Button, new() { Name = "Close voting" }).ClickAsync();
            await Expect(Card(ana, "Robotics clubs").Locator(".dots-count")).ToHaveTextAsync("1 dot");
            await Expect(ana.Locator("#dots-note")).ToBeHiddenAsync();

            var folder = Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting);
            if (!string.IsNullOrEmpty(folder))
            {
                await filip.GetByLabel("More for Robotics clubs").ClickAsync();
                await Screenshots.TakeAsync(filip, folder, "board-facilitator-laptop", 1280);
                await Screenshots.TakeAsync(filip, folder, "board-facilitator-phone", 360, 780);
            }
        }, ana, filip);
    }

    [Fact]
    public async Task A_regional_card_linked_with_another_region_shows_on_both_boards_without_any_grid_controls()
    {
        var filip = await site.NewPersonAsync(1280, 900);
        var ana = await site.NewPersonAsync();
        await Screenshots.OnFailureAsync(nameof(A_regional_card_linked_with_another_region_shows_on_both_boards_without_any_grid_controls), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            var balkans = await site.AddRegionalBoardAsync(meeting, "Balkans", "BG", "RO");
            var nordics = await site.AddRegionalBoardAsync(meeting, "Nordics", "SE", "FI");
            await JoinAsync(filip, meeting.AsFacilitator, "Filip");
            await JoinAsync(ana, meeting, "Ana");

            await filip.GotoAsync(balkans);
            await Expect(filip.Locator("#propose > summary")).ToHaveTextAsync("Add a card");
            await ProposeAsync(filip, "Shared teacher training");
            var card = Card(filip, "Shared teacher training");
            await Expect(card.GetByRole(AriaRole.Combobox, new() { Name = "Place Shared teacher training in" })).ToBeHiddenAsync();
            await Expect(filip.Locator("#grid-section")).ToBeHiddenAsync();

            await card.GetByLabel("More for Shared teacher training").ClickAsync();
            await card.GetByLabel("Nordics").CheckAsync();
            await card.GetByRole(AriaRole.Button, new() { Name = "Save links" }).ClickAsync();
            await Expect(card.Locator(".card-links")).ToHaveTextAsync("Linked with: Nordics");

            // Ana, on the other region's board, sees where the idea comes from and can open it.
            await ana.GotoAsync(nordics);
            var linkedHere = ana.Locator("#linked-here");
            await Expect(linkedHere).ToContainTextAsync("Shared teacher training · Balkans");
            await linkedHere.GetByRole(AriaRole.Link, new() { Name = "Shared teacher training" }).ClickAsync();
            await Expect(ana.Locator("#topic-title")).ToHaveTextAsync("Shared teacher training");

            var folder = Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting);
            if (!string.IsNullOrEmpty(folder))
            {
                await ana.GotoAsync(nordics);
                await Screenshots.TakeAsync(ana, folder, "board-regional-linked-phone", 360, 780);
                await Screenshots.TakeAsync(filip, folder, "board-regional-facilitator-laptop", 1280);
            }
        }, filip, ana);
    }
}
