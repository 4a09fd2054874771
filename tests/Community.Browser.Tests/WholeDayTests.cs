using System.Text.Json;
using Community.Testing;
using Community.Testing.Images;
using Ical.Net;

namespace Community.Browser.Tests;

/// <summary>
/// The Sofia day through the pages, in Chromium on the real stack: the organiser sets the meeting up in
/// Europe/Sofia, participants join, propose and vote on phones, the facilitator closes voting and places the
/// topics, the convener writes notes and adds a photo on the phone-size topic page, and the organiser publishes
/// the summary from the desk and downloads the calendar. Every page built for this is checked with axe, for
/// sideways scrolling at 360 px and for console errors.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class WholeDayTests(BoardSite site)
{
    /// <summary>Set to a folder (docs/screenshots) to write the pages' pictures there as well.</summary>
    public const string ScreenshotSetting = "COMMUNITY_SCREENSHOTS";

    private static readonly string[] Topics = ["AI in the classroom", "Robots for girls", "Teachers' burnout"];

    [Fact]
    public async Task The_Sofia_day_from_setup_to_the_published_summary()
    {
        var organiser = await site.NewPersonAsync(1280, timeZone: "Europe/Sofia");
        var facilitator = await site.NewPersonAsync(1280, timeZone: "Europe/Sofia");
        var ana = await site.NewPersonAsync(360, timeZone: "Europe/Sofia");
        // Boris follows from Lisbon, two hours behind Sofia in December.
        var boris = await site.NewPersonAsync(390, timeZone: "Europe/Lisbon");
        var errors = new[] { organiser, facilitator, ana, boris }.Select(PageChecks.CollectErrors).ToList();
        var problems = new List<string>();

        await Screenshots.OnFailureAsync(nameof(The_Sofia_day_from_setup_to_the_published_summary), async () =>
        {
            // The organiser sets the meeting up: its date and times are Sofia's clock.
            await organiser.GotoAsync("/new");
            // The time zone is the organiser's browser's.
            await Expect(organiser.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Sofia");
            await CheckAsync(organiser, "new");
            await organiser.GetByLabel("Your name").FillAsync("Olga Organiser");
            await organiser.GetByLabel("Title of the meeting").FillAsync("EU Code Week Community Meeting Sofia");
            await organiser.GetByLabel("Description").FillAsync("A day of **open space** and regional groups.\n\n- marketplace\n- glocal groups");
            await organiser.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-12-05");
            await organiser.GetByLabel("Starts at").FillAsync("09:00");
            await organiser.GetByLabel("Ends at").FillAsync("17:30");
            await organiser.GetByLabel("Venue").FillAsync("Sofia Tech Park");
            await organiser.GetByLabel("City").FillAsync("Sofia");
            await organiser.GetByLabel("Country").FillAsync("BG");
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Create the meeting" }).ClickAsync();
            await Expect(organiser).ToHaveURLAsync(new Regex("/organise$"));
            var details = organiser.Locator("section", new() { Has = organiser.GetByRole(AriaRole.Heading, new() { Name = "Meeting details" }) });
            await Expect(details.Locator(".when")).ToContainTextAsync("09:00");
            await Expect(details.Locator(".when")).ToContainTextAsync("Europe/Sofia");
            await Expect(details).ToContainTextAsync("Sofia Tech Park, Sofia, BG");

            await details.GetByText("Edit the details").ClickAsync();
            await details.GetByLabel("Live").CheckAsync();
            await details.GetByRole(AriaRole.Button, new() { Name = "Save the details" }).ClickAsync();
            await Expect(organiser.GetByRole(AriaRole.Status).Filter(new() { HasText = "The details are saved." })).ToBeVisibleAsync();

            await organiser.GetByLabel("Title of the board").FillAsync("Marketplace");
            await organiser.GetByLabel("Time slots").FillAsync("10:00-10:45 Round 1\n11:00-11:45 Round 2\n12:00-12:45 Round 3");
            await organiser.GetByLabel("Spaces").FillAsync("Hall A, 30\nRoom B, 12\nRoom C, 8");
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Add the board" }).ClickAsync();
            await Expect(organiser.GetByRole(AriaRole.Link, new() { Name = "Open the board" })).ToBeVisibleAsync();
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Create an invite link" }).ClickAsync();
            var inviteLink = await organiser.GetByLabel("Invite link").InputValueAsync();
            await CheckAsync(organiser, "invites");
            await organiser.GetByRole(AriaRole.Link, new() { Name = "Back to the organiser console" }).ClickAsync();
            await CheckAsync(organiser, "organise");
            var meeting = new Meeting(
                new Uri(organiser.Url).AbsolutePath.Replace("/organise", ""),
                (await organiser.GetByRole(AriaRole.Link, new() { Name = "Open the board" }).GetAttributeAsync("href"))!,
                (await organiser.Locator(".join-code").InnerTextAsync()).Trim(),
                inviteLink.TrimEnd('/').Split('/')[^1]);

            // Participants join, propose and vote on their phones.
            await JoinAsync(ana, meeting, "Ana");
            await JoinAsync(boris, meeting, "Boris");
            await ana.GotoAsync(meeting.MeetingPath);
            await Expect(ana.Locator(".prose strong")).ToHaveTextAsync("open space");
            await Expect(ana.Locator(".when")).ToContainTextAsync("Saturday, 5 December 2026, 09:00–17:30");
            await Expect(ana.Locator(".when .local-time")).ToBeHiddenAsync();
            await boris.GotoAsync(meeting.MeetingPath);
            await Expect(boris.Locator(".when .local-time")).ToHaveTextAsync(new Regex("07:00–15:30 your time"));
            await boris.GotoAsync(meeting.BoardPath);
            await CheckAsync(ana, "meeting");
            await ana.GotoAsync(meeting.BoardPath);
            await ProposeAsync(ana, Topics[0]);
            await ProposeAsync(boris, Topics[1]);
            await ProposeAsync(ana, Topics[2]);
            await GiveDotAsync(boris, Topics[0]);
            await GiveDotAsync(ana, Topics[1]);
            await Expect(boris.Locator("#remaining")).ToHaveTextAsync(new Regex("^2\\b"));
            await Expect(ana.Locator("#remaining")).ToHaveTextAsync(new Regex("^2\\b"));

            // The facilitator closes voting and places the topics in the grid.
            await JoinAsync(facilitator, meeting.AsFacilitator, "Filip");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Close voting" }).ClickAsync();
            await Expect(facilitator.Locator("#board-state")).ToHaveTextAsync("Voting closed");
            string[] cells = ["Round 1 · Hall A", "Round 1 · Room B", "Round 2 · Hall A"];
            for (var index = 0; index < Topics.Length; index++)
            {
                var card = Card(facilitator, Topics[index]);
                var place = card.GetByRole(AriaRole.Combobox, new() { Name = $"Place {Topics[index]} in" });
                await Expect(place.Locator("option", new() { HasText = cells[index] })).ToHaveCountAsync(1);
                // Choose and press in one task: the live update of the previous placement rebuilds every card's
                // options, and landing between the two would place nothing.
                await place.EvaluateAsync("""
                    (select, cell) => {
                      select.value = [...select.options].find(option => option.text === cell).value;
                      select.closest('li').querySelector('.facilitator-tools button').click();
                    }
                    """, cells[index]);
                await Expect(facilitator.Locator("#grid")).ToContainTextAsync(Topics[index]);
            }

            // The room sees where and when on the big screen.
            var screen = await facilitator.Context.NewPageAsync();
            await screen.GotoAsync(meeting.BoardPath + "/projector");
            await Expect(screen.Locator("#schedule-wall")).ToContainTextAsync(Topics[0]);
            await Expect(screen.Locator("#schedule-wall")).ToContainTextAsync("Hall A");
            await screen.CloseAsync();

            // The afternoon: two regional groups. The facilitator fills every column of the Balkans board and links
            // a collaboration idea with the Nordics, whose board shows where it comes from.
            var balkans = await AddRegionalBoardAsync(organiser, meeting, "Balkans", "BG, RO, GR");
            var nordics = await AddRegionalBoardAsync(organiser, meeting, "Nordics", "SE, FI, NO");
            await facilitator.GotoAsync(balkans);
            string[] lanes = ["Priorities", "Struggles", "Success stories", "Collaboration ideas"];
            foreach (var lane in lanes)
            {
                await AddCardAsync(facilitator, lane, $"{lane}: from the Balkans");
            }

            var idea = Card(facilitator, "Collaboration ideas: from the Balkans");
            await idea.GetByLabel("More for Collaboration ideas: from the Balkans").ClickAsync();
            await idea.GetByLabel("Nordics").CheckAsync();
            await idea.GetByRole(AriaRole.Button, new() { Name = "Save links" }).ClickAsync();
            await Expect(idea.Locator(".card-links")).ToHaveTextAsync("Linked with: Nordics");
            await CheckAsync(facilitator, "board-regional");
            await boris.GotoAsync(nordics);
            await Expect(boris.Locator("#linked-here")).ToContainTextAsync("Collaboration ideas: from the Balkans · Balkans");

            // The convener opens her topic on the phone; Boris reads along.
            var topicPath = $"{meeting.BoardPath}/c/{await CardIdAsync(ana, meeting, Topics[0])}";
            await boris.GotoAsync(topicPath);
            await Expect(boris.Locator("#topic-where")).ToContainTextAsync("10:00–10:45 · Round 1 · Hall A (30 seats)");
            await Expect(boris.Locator("#topic-where .local-time")).ToHaveTextAsync("(08:00–08:45 your time)");
            await Expect(boris.GetByLabel("Notes of the discussion")).ToHaveCountAsync(0);
            await Expect(boris.Locator("#notes-view")).ToHaveTextAsync("No notes yet.");
            await ana.GotoAsync(topicPath);
            await Expect(ana.Locator("#topic-where")).ToContainTextAsync("10:00–10:45");
            await Expect(ana.Locator("#topic-where .local-time")).ToBeHiddenAsync();
            await Expect(ana.Locator("#count-dots")).ToHaveTextAsync("1");
            await ana.GetByLabel("Notes of the discussion").FillAsync("## What we said\n\n- prompts are a *skill*\n- ethics first");
            await Expect(ana.Locator("#notes-view h2")).ToHaveTextAsync("What we said");
            await ana.GetByRole(AriaRole.Button, new() { Name = "Save the notes" }).ClickAsync();
            await Expect(ana.Locator("#status")).ToHaveTextAsync("The notes are saved.");
            await Expect(boris.Locator("#notes-view h2")).ToHaveTextAsync("What we said");
            await ana.GetByLabel("Take or choose a photo").SetInputFilesAsync(new FilePayload
            {
                Name = "flipchart.jpg",
                MimeType = "image/jpeg",
                Buffer = TestImages.JpegWithMetadata(orientation: 6),
            });
            await ana.GetByRole(AriaRole.Button, new() { Name = "Add the photo" }).ClickAsync();
            await Expect(ana.Locator("#photos img")).ToHaveCountAsync(1);
            await Expect(boris.Locator("#photos img")).ToHaveCountAsync(1);
            await CheckAsync(ana, "topic");
            var card0 = await CardJsonAsync(ana, meeting, Topics[0]);
            Assert.True(card0.GetProperty("hasNotes").GetBoolean());
            Assert.Equal(1, card0.GetProperty("photoCount").GetInt32());

            // The organiser writes the summary at the desk, publishes it and downloads the calendar.
            await organiser.GotoAsync(meeting.MeetingPath + "/organise");
            await organiser.GetByRole(AriaRole.Link, new() { Name = "Summary desk" }).ClickAsync();
            await Expect(organiser).ToHaveURLAsync(new Regex("/summary/edit$"));
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Generate from the boards" }).ClickAsync();
            var draft = organiser.GetByLabel("Summary in Markdown");
            await Expect(draft).ToHaveValueAsync(new Regex(Regex.Escape(Topics[0])));
            await Expect(draft).ToHaveValueAsync(new Regex("Collaboration ideas: from the Balkans.*cross-border with Nordics"));
            await draft.FillAsync(await draft.InputValueAsync() + "\n\nThank you, Sofia!\n");
            await Expect(organiser.Locator("#draft-preview")).ToContainTextAsync("Thank you, Sofia!");
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            await Expect(organiser.Locator("#status")).ToHaveTextAsync("Version 1 is published.");
            await Expect(organiser.Locator("#versions li")).ToHaveCountAsync(1);
            await CheckAsync(organiser, "summary-desk");

            var download = await organiser.RunAndWaitForDownloadAsync(() =>
                organiser.GetByRole(AriaRole.Link, new() { Name = "Calendar of the schedule (.ics)" }).ClickAsync());
            var calendar = Calendar.Load(await File.ReadAllTextAsync((await download.PathAsync())!))!;
            var first = calendar.Events.OrderBy(topic => topic.DtStart!.AsUtc).First();
            Assert.Equal(Topics[0], first.Summary);
            Assert.Equal("Europe/Sofia", first.DtStart!.TzId);
            Assert.Equal(new DateTime(2026, 12, 5, 10, 0, 0), first.DtStart.Value);
            Assert.Equal(new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc), first.DtStart.AsUtc);

            await organiser.GetByLabel("Yes, close the meeting: nobody can join any more").CheckAsync();
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Close the meeting" }).ClickAsync();
            await Expect(organiser.GetByText("The meeting is closed.")).ToBeVisibleAsync();

            var published = await site.NewPersonAsync(390);
            await published.GotoAsync(meeting.MeetingPath + "/summary");
            await Expect(published.Locator("article.summary")).ToContainTextAsync("Thank you, Sofia!");
            await CheckAsync(published, "summary");
            await organiser.GotoAsync(meeting.MeetingPath + "/people");
            await Expect(organiser.Locator("body")).ToContainTextAsync("Boris");
            await CheckAsync(organiser, "people");

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var consoleErrors = errors.SelectMany(list => list).ToList();
            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        }, organiser, facilitator, ana, boris);

        // Axe, no sideways scrolling at 360 px, and (when asked for) the page's pictures for the docs.
        async Task CheckAsync(IPage page, string name)
        {
            problems.AddRange(await PageChecks.AxeAsync(page));
            var width = page.ViewportSize!.Width;
            await page.SetViewportSizeAsync(360, 780);
            if (await PageChecks.OverflowAsync(page) is > 0 and var overflow)
            {
                problems.Add($"{page.Url}: {overflow} px wider than a 360 px phone");
            }

            if (Environment.GetEnvironmentVariable(ScreenshotSetting) is { Length: > 0 } folder)
            {
                await Screenshots.TakeAsync(page, folder, $"{name}-phone", 360);
                await Screenshots.TakeAsync(page, folder, $"{name}-laptop", 1280);
            }

            await page.SetViewportSizeAsync(width, 780);
        }
    }

    /// <summary>The organiser adds a regional group in the console; returns its board's path.</summary>
    private static async Task<string> AddRegionalBoardAsync(IPage organiser, Meeting meeting, string region, string countries)
    {
        await organiser.GotoAsync(meeting.MeetingPath + "/organise");
        await organiser.GetByRole(AriaRole.Radio, new() { Name = "Regional group" }).CheckAsync();
        await organiser.GetByLabel("Title of the board").FillAsync(region);
        await organiser.GetByLabel(new Regex("^Region\\b")).FillAsync(region);
        await organiser.GetByLabel("Countries").FillAsync(countries);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Add the board" }).ClickAsync();
        var listed = organiser.Locator(".board-list li", new() { HasText = region });
        return (await listed.GetByRole(AriaRole.Link, new() { Name = "Open the board" }).GetAttributeAsync("href"))!;
    }

    /// <summary>Adds a card to one column of a regional board.</summary>
    private static async Task AddCardAsync(IPage person, string lane, string title)
    {
        if (!await person.GetByLabel("Column").IsVisibleAsync())
        {
            await person.Locator("#propose > summary").ClickAsync();
        }

        await person.GetByLabel("Column").SelectOptionAsync(lane);
        await person.GetByRole(AriaRole.Textbox, new() { Name = "Title" }).FillAsync(title);
        await person.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var section = person.Locator("section.lane", new() { Has = person.GetByRole(AriaRole.Heading, new() { Name = lane }) });
        await Expect(section.Locator(".card-title", new() { HasText = title })).ToBeVisibleAsync();
    }

    /// <summary>A card as the board's API shows it to this person (their cookie goes with the request).</summary>
    private static async Task<JsonElement> CardJsonAsync(IPage person, Meeting meeting, string title)
    {
        var parts = meeting.BoardPath.Split('/');
        var response = await person.Context.APIRequest.GetAsync($"/api/meetings/{parts[2]}/boards/{parts[4]}");
        var board = (await response.JsonAsync())!.Value;
        return board.GetProperty("cards").EnumerateArray().Single(card => card.GetProperty("title").GetString() == title);
    }

    private static async Task<string> CardIdAsync(IPage person, Meeting meeting, string title) =>
        (await CardJsonAsync(person, meeting, title)).GetProperty("cardId").GetString()!;
}
