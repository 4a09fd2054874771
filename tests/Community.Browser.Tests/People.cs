using Community.Grains.Abstractions;
namespace Community.Browser.Tests;

/// <summary>What people do through the pages, step by step, as they would with a mouse, a keyboard or a thumb.</summary>
public static partial class People
{
    /// <summary>An organiser creates a meeting and an open-space board with two slots and two spaces.</summary>
    public static async Task<Meeting> OrganiseAsync(IPage organiser, string title = "EU Code Week Community Meeting")
    {
        await organiser.GotoAsync("/new");
        await organiser.GetByLabel("Title of the meeting").FillAsync(title);
        await organiser.GetByLabel("Your name").FillAsync("Olga Organiser");
        await organiser.GetByLabel("City").FillAsync("Sofia");
        await organiser.GetByLabel("Country").FillAsync("BG");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Create the meeting" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(OrganisePath());

        await organiser.GetByLabel("Title of the board").FillAsync("Marketplace");
        await organiser.GetByLabel("Time slots").FillAsync("10:00-10:45 Round 1\n11:00-11:45 Round 2");
        await organiser.GetByLabel("Spaces").FillAsync("Room A, 20\nRoom B");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Add the board" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Link, new() { Name = "Open the board" })).ToBeVisibleAsync();

        var meetingPath = new Uri(organiser.Url).AbsolutePath.Replace("/organise", "");
        var boardPath = await organiser.GetByRole(AriaRole.Link, new() { Name = "Open the board" }).GetAttributeAsync("href");
        var code = (await organiser.Locator(".join-code").InnerTextAsync()).Trim();
        return new Meeting(meetingPath, boardPath!, code);
    }

    /// <summary>
    /// A participant types the code on the home page (in lower case: codes are not case-sensitive), or a facilitator
    /// opens their invite link (a long token, which is); either gives a name and opens the board.
    /// </summary>
    public static async Task JoinAsync(IPage person, Meeting meeting, string name)
    {
        if (InviteTokens.IsWellFormed(meeting.Code))
        {
            await person.GotoAsync($"/j/{meeting.Code}");
        }
        else
        {
            await person.GotoAsync("/");
            await person.GetByLabel("Meeting code").FillAsync(meeting.Code.ToLowerInvariant());
            await person.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        }

        await person.GetByLabel("Your name").FillAsync(name);
        await person.GetByRole(AriaRole.Button, new() { Name = "Join the meeting" }).ClickAsync();
        await Expect(person).ToHaveURLAsync(new Regex(Regex.Escape(meeting.MeetingPath) + "$"));
        await person.GotoAsync(meeting.BoardPath);
        await Expect(person.Locator("#remaining")).Not.ToBeEmptyAsync();
    }

    public static async Task ProposeAsync(IPage person, string title)
    {
        // Proposing waits behind a button while the topics come first.
        var field = person.GetByRole(AriaRole.Textbox, new() { Name = "Title" });
        if (!await field.IsVisibleAsync())
        {
            await person.Locator("#propose > summary").ClickAsync();
        }

        await field.FillAsync(title);
        await person.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        await Expect(Card(person, title)).ToBeVisibleAsync();
    }

    /// <summary>The card of a topic, found by its title as people see it.</summary>
    public static ILocator Card(IPage person, string title) =>
        person.Locator("li.card").Filter(new() { Has = person.Locator(".card-title", new() { HasText = title }) });

    public static Task GiveDotAsync(IPage person, string title) =>
        person.GetByRole(AriaRole.Button, new() { Name = $"Give a dot to {title}" }).ClickAsync();

    [GeneratedRegex("/m/[a-z0-9]+/organise$")]
    private static partial Regex OrganisePath();
}

/// <summary>Where a meeting's pages are and the codes that open it (the invite code joins as facilitator).</summary>
public sealed record Meeting(string MeetingPath, string BoardPath, string Code, string? FacilitatorCode = null)
{
    public Meeting AsFacilitator => this with { Code = FacilitatorCode ?? throw new InvalidOperationException("No invite code.") };
}
