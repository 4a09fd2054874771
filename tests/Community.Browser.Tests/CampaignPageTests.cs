using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Scenarios;

namespace Community.Browser.Tests;

[Collection(BoardSiteCollection.Name)]
public sealed class CampaignPageTests(BoardSite site)
{
    private static readonly string DocsScreenshots = Path.Combine(RepositoryRoot.Path, "docs", "screenshots");

    [Fact]
    public async Task A_campaign_page_with_hundreds_of_activities_passes_axe_on_a_phone_without_sideways_scrolling()
    {
        var slug = $"experts-{Guid.NewGuid():N}"[..20];
        using (var client = site.Web.CreateClient())
        {
            using var created = await client.PostAsJsonAsync("/api/campaigns", new
            {
                slug,
                title = "Experts Go Back-to-School 2026",
                description = "Professionals from every field visit **schools** and talk about their work.\n\n- one lesson, one class\n- tag your activity #expertsgobacktoschool2026",
                startsOn = "2025-09-01",
                endsOn = "2026-12-15",
                registrationDeadline = "2099-10-15T23:59:00+03:00",
                countries = Array.Empty<string>(),
            }, CommunityWebApp.Json);
            created.EnsureSuccessStatusCode();
        }

        var random = new Random(13);
        var entries = DirectorySamples.Create(320, 12, new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.Zero), idPrefix: slug)
            .Select(entry => entry with
            {
                Listing = entry.Listing with { CampaignSlug = slug },
                Figures = random.Next(4) == 0 ? null : new ParticipantFigures { Participants = random.Next(8, 90) },
            }).ToList();
        await DirectorySamples.SeedAsync(site.Web.Cluster.Grains, entries);
        var page = await site.NewPersonAsync(360);
        var errors = PageChecks.CollectErrors(page, BoardSite.UnreachableTiles);

        await Screenshots.OnFailureAsync(nameof(A_campaign_page_with_hundreds_of_activities_passes_axe_on_a_phone_without_sideways_scrolling), async () =>
        {
            await page.GotoAsync($"/c/{slug}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Experts Go Back-to-School 2026" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activities (320)" })).ToBeVisibleAsync();
            await Expect(page.Locator("#directory-map .leaflet-marker-icon, #directory-map path").First).ToBeVisibleAsync();

            Assert.Empty(await PageChecks.AxeAsync(page));
            Assert.Equal(0, await PageChecks.OverflowAsync(page));
            await Screenshots.TakeAsync(page, DocsScreenshots, "campaign-phone", 360);
            // Loaded afresh at laptop width, so the map lays itself out for it as it would for a laptop's visitor.
            await page.SetViewportSizeAsync(1280, 900);
            await page.ReloadAsync();
            await Expect(page.Locator("#directory-map .leaflet-marker-icon, #directory-map path").First).ToBeVisibleAsync();
            await Screenshots.TakeAsync(page, DocsScreenshots, "campaign-laptop", 1280);
            Assert.Equal(0, await PageChecks.OverflowAsync(page));
        }, page);
        // Map tiles come from the internet, which a test machine may not reach (the map then draws country outlines).
        Assert.True(errors.All(error => error.Contains("net::ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal)), string.Join("\n", errors));
    }
}
