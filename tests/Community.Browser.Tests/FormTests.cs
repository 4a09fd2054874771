namespace Community.Browser.Tests;

/// <summary>What people mistype on the pages' forms is named next to the field, and nothing is created.</summary>
[Collection(BoardSiteCollection.Name)]
public sealed class FormTests(BoardSite site)
{
    [Fact]
    public async Task Bad_input_on_the_join_new_meeting_and_board_forms_is_explained_and_changes_nothing()
    {
        var person = await site.NewPersonAsync(1280);
        await Screenshots.OnFailureAsync(nameof(Bad_input_on_the_join_new_meeting_and_board_forms_is_explained_and_changes_nothing), async () =>
        {
            var meeting = await site.CreateMeetingAsync();
            await person.GotoAsync("/");
            await person.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
            await Expect(person.Locator("#code-error")).ToHaveTextAsync("Type the code of the meeting.");

            await person.GotoAsync("/j/" + meeting.Code);
            await person.GetByLabel("Your country").FillAsync("XX");
            await person.GetByRole(AriaRole.Button, new() { Name = "Join the meeting" }).ClickAsync();
            await Expect(person.Locator("#name-error")).ToHaveTextAsync("Type a name of 1 to 60 characters.");
            await Expect(person.Locator("#country-error")).ToHaveTextAsync("Use two-letter country codes such as BG or RO.");
            await person.GotoAsync(meeting.BoardPath);
            await Expect(person).ToHaveURLAsync(new Regex("/$|/\\?ReturnUrl="));

            await person.GotoAsync("/new");
            await person.GetByRole(AriaRole.Button, new() { Name = "Create the meeting" }).ClickAsync();
            await Expect(person.GetByRole(AriaRole.Alert)).ToContainTextAsync("Type a title of 1 to 200 characters.");
            await Expect(person).ToHaveURLAsync(new Regex("/new$"));

            var organised = await OrganiseAsync(person, "Forms meeting");
            await person.GetByLabel("Title of the board").FillAsync("Broken slots");
            await person.GetByLabel("Time slots").FillAsync("11:00-10:00 Backwards");
            await person.GetByRole(AriaRole.Button, new() { Name = "Add the board" }).ClickAsync();
            await Expect(person.GetByRole(AriaRole.Alert)).ToContainTextAsync("Write each slot as a start and an end time");
            await person.GotoAsync(organised.MeetingPath);
            await Expect(person.Locator(".board-list li")).ToHaveCountAsync(1);
        }, person);
    }
}
