using System.Net;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Scenarios;

namespace Community.Web.Tests.Directory;

[Collection(WebCollection.Name)]
public sealed partial class CampaignPageTests(WebFixture fixture)
{
    [Fact]
    public async Task The_campaign_page_lists_its_activities_and_totals_figures_per_country_and_year()
    {
        var slug = $"page-{Guid.NewGuid():N}"[..21];
        await CampaignApiTests.CreateAsync(fixture.App, CampaignApiTests.Campaign(slug));
        var entries = DirectorySamples.Create(45, 3, new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero), idPrefix: slug)
            .Select((entry, index) => entry with
            {
                Listing = entry.Listing with { CampaignSlug = slug },
                Cancelled = false,
                Figures = new ParticipantFigures { Participants = 10 + index },
            }).ToList();
        await DirectorySamples.SeedAsync(fixture.Cluster.Grains, entries);
        using var browser = fixture.App.CreateClient();

        var html = await browser.GetStringAsync($"/c/{slug}");
        var second = await browser.GetStringAsync($"/c/{slug}?page=3");

        Assert.Contains("Experts Go Back-to-School", html);
        Assert.Contains("<strong>schools</strong>", html);
        Assert.Contains("Registration open until", html);
        Assert.Contains("Activities (45)", html);
        Assert.Contains($"href=\"/c/{slug}.ics\"", html);
        Assert.Contains($"href=\"/meetings?campaign={slug}\"", html);
        Assert.Equal(20, ActivityLink().Matches(html).Count);
        Assert.Equal(5, ActivityLink().Matches(second).Count);
        // 45 entries round-robin over three countries: 15 each.
        Assert.Equal(3, Regex.Matches(html, "<th scope=\"row\">[^<]+</th>\\s*<td>\\s*<span class=\"bar-value\">15</span>").Count);
        foreach (var year in entries.GroupBy(entry => TimeZoneInfo.ConvertTime(entry.StartsAt, TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone)).Year))
        {
            var row = new Regex($"<th scope=\"row\">{year.Key}</th>\\s*<td>\\s*<span class=\"bar-value\">{year.Count()}</span>.*?<span class=\"bar-value\">{year.Sum(entry => entry.Figures!.Participants):N0}</span>", RegexOptions.Singleline);
            Assert.Matches(row, html);
        }
    }

    [Fact]
    public async Task A_country_page_totals_its_figures_per_year_and_unknown_pages_are_404()
    {
        using var browser = fixture.App.CreateClient();

        using var unknownCampaign = await browser.GetAsync("/c/never-created");
        using var unknownCountry = await browser.GetAsync("/meetings/countries/XX");
        var country = await browser.GetStringAsync("/meetings/countries/BG");

        Assert.Equal(HttpStatusCode.NotFound, unknownCampaign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCountry.StatusCode);
        Assert.Contains("Activities in Bulgaria", country);
        Assert.Contains("href=\"/meetings.ics?country=BG\"", country);
    }

    [GeneratedRegex("<li>\\s*<a href=\"/m/")]
    private static partial Regex ActivityLink();
}
