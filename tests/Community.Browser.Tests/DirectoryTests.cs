using Community.Testing.Scenarios;

namespace Community.Browser.Tests;

/// <summary>
/// /meetings in Chromium with a few hundred activities over 40 countries: the list at phone size (axe, no sideways
/// scrolling, no console errors or CSP violations), its filter form, and the map, whose clusters come from the
/// server and whose country outlines stand in for tiles that cannot load.
/// </summary>
[Collection(BoardSiteCollection.Name)]
public sealed class DirectoryTests(BoardSite site)
{
    private const string Lone = "Lighthouse keepers' coding night";

    [Fact]
    public async Task The_directory_and_its_map_work_on_a_phone_and_a_laptop_with_clusters_from_the_server()
    {
        var from = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var entries = DirectorySamples.Create(400, 40, from.AddDays(-20), idPrefix: "browser");
        var lone = DirectorySamples.Create(1, 1, from.AddDays(3), seed: 7, idPrefix: "lone")[0] with { Title = Lone, Country = "IS", TimeZone = "Atlantic/Reykjavik" };
        lone = lone with { Listing = lone.Listing with { Attendance = Grains.Abstractions.AttendanceMode.InPerson, Location = new(64.15, -21.94) } };
        await DirectorySamples.SeedAsync(site.Web.Cluster.Grains, [.. entries, lone]);

        var phone = await site.NewPersonAsync(360, timeZone: "Europe/Lisbon");
        var laptop = await site.NewPersonAsync(1280, 900, timeZone: "Europe/Lisbon");
        var errors = new[] { phone, laptop }.SelectMany(page => PageChecks.CollectErrors(page, BoardSite.UnreachableTiles)).ToList();
        var problems = new List<string>();
        foreach (var page in new[] { phone, laptop })
        {
            await page.Context.AddInitScriptAsync(ContentSecurityPolicyTests.ReportViolations);
        }

        await Screenshots.OnFailureAsync(nameof(The_directory_and_its_map_work_on_a_phone_and_a_laptop_with_clusters_from_the_server), async () =>
        {
            await phone.GotoAsync("/meetings");
            await Expect(phone.Locator(".directory-entry")).ToHaveCountAsync(20);
            // The viewer in Lisbon also sees the time in their own zone.
            await Expect(phone.Locator(".directory-entry .local-time").First).ToBeVisibleAsync();
            await CheckAsync(phone, "directory-phone");

            await phone.GetByLabel("Words").FillAsync("robots");
            await phone.GetByText("More filters").ClickAsync();
            await phone.GetByLabel("Format").SelectOptionAsync("Workshop");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(phone).ToHaveURLAsync(new Regex(@"/meetings\?q=robots&.*format=workshop"));
            await Expect(phone.Locator(".directory-entry").First).ToContainTextAsync("Workshop");
            await Expect(phone.GetByLabel("Words")).ToHaveValueAsync("robots");
            await Expect(phone.GetByLabel("Format")).ToHaveValueAsync("workshop");

            await laptop.GotoAsync("/meetings");
            await Expect(laptop.Locator(".directory-entry")).ToHaveCountAsync(20);
            await CheckAsync(laptop, "directory-laptop");

            await laptop.GotoAsync("/meetings?view=map");
            var map = laptop.Locator("#directory-map");
            await Expect(map).ToHaveAttributeAsync("data-outlines", "true");
            await Expect(laptop.Locator(".leaflet-overlay-pane path").First).ToBeAttachedAsync();
            await Expect(laptop.Locator(".marker-cluster").First).ToBeVisibleAsync();
            await Expect(map).ToHaveAttributeAsync("data-activities", new Regex("^[1-9][0-9]{2,}$"));
            await CheckAsync(laptop, "directory-map-laptop");

            await laptop.GotoAsync("/meetings?view=map&q=lighthouse");
            await Expect(map).ToHaveAttributeAsync("data-points", "1");
            await laptop.Locator("path.leaflet-interactive").Last.ClickAsync(new() { Force = true });
            var popup = laptop.Locator(".leaflet-popup-content");
            await Expect(popup.GetByRole(AriaRole.Link, new() { Name = Lone })).ToHaveAttributeAsync("href", $"/m/{lone.MeetingId}");
            await Expect(popup).ToContainTextAsync("Atlantic/Reykjavik");
            await CheckAsync(laptop, null);

            await phone.GotoAsync("/meetings?view=map");
            await Expect(phone.Locator(".marker-cluster").First).ToBeVisibleAsync();
            await CheckAsync(phone, null);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }, phone, laptop);

        async Task CheckAsync(IPage page, string? screenshot)
        {
            problems.AddRange(await PageChecks.AxeAsync(page));
            var width = page.ViewportSize!.Width;
            if (await PageChecks.OverflowAsync(page) is > 0 and var overflow)
            {
                problems.Add($"{page.Url} overflows by {overflow} px at {width} px");
            }

            if (screenshot is not null && Environment.GetEnvironmentVariable(WholeDayTests.ScreenshotSetting) is { Length: > 0 } folder)
            {
                await Screenshots.TakeAsync(page, folder, screenshot, width, page.ViewportSize.Height);
            }
        }
    }
}
