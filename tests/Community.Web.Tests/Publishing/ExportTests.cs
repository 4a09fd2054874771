using System.Net;
using Community.Testing;
using Community.Testing.Scenarios;
using Community.Web.Endpoints;
using CsvHelper;
using Ical.Net.CalendarComponents;

namespace Community.Web.Tests.Publishing;

[Collection(WebCollection.Name)]
public sealed class ExportTests(WebFixture fixture)
{
    [Fact]
    public async Task The_calendar_holds_one_event_per_scheduled_topic_in_the_meetings_time_zone()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture);

        using var response = await web.Organiser.GetAsync($"/api/meetings/{web.MeetingId}/export/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Sofia", zone.TzId);
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ThenBy(e => e.Location).ToList();
        Assert.Equal(["Supporting girls in tech", "AI in the classroom", "Unplugged activities for the youngest"], events.Select(e => e.Summary));
        Assert.Equal(["Rila room", "Vitosha room", "Vitosha room"], events.Select(e => e.Location));
        Assert.All(events, e => Assert.Equal("Europe/Sofia", e.DtStart!.TzId));
        // 10:00 in Sofia on 3 April 2025 (EEST, UTC+3) is 07:00 UTC; the afternoon round is 14:00–14:45.
        Assert.Equal(new DateTime(2025, 4, 3, 10, 0, 0), events[0].DtStart!.Value);
        Assert.Equal(new DateTime(2025, 4, 3, 7, 0, 0, DateTimeKind.Utc), events[0].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2025, 4, 3, 11, 45, 0, DateTimeKind.Utc), events[2].DtEnd!.AsUtc);
        Assert.Contains("Convened by Ana Popescu", events[2].Description);
        Assert.Equal(3, events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task The_cards_csv_has_the_documented_columns_and_a_row_per_card()
    {
        using var web = await SofiaOnTheWeb.StartAsync(fixture);

        using var response = await web.Organiser.GetAsync($"/api/meetings/{web.MeetingId}/export/cards.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(ExportEndpoints.CardColumns.ToDictionary(column => column, column => csv.GetString(column)));
        }

        Assert.Equal(ExportEndpoints.CardColumns, csv.Headers);
        Assert.Equal(13, rows.Count);
        var ai = rows.Single(row => row["card"] == "AI in the classroom");
        Assert.Equal(
            [SofiaMeeting.OpenSpaceTitle, "Topics", "Maria Ivanova", "7", "5", "0", "scheduled", "Morning round", "Vitosha room"],
            new[] { "board", "lane", "author", "dots", "interested", "present", "status", "slot", "space" }.Select(column => ai[column]));
        var rural = rows.Single(row => row["card"] == "Code Week in rural schools");
        Assert.Equal(("proposed", "", ""), (rural["status"], rural["slot"], rural["space"]));
        var idea = rows.Single(row => row["card"] == SofiaMeeting.BalkansCollaboration);
        Assert.Equal((SofiaMeeting.BalkansTitle, "Collaboration ideas", "1"), (idea["board"], idea["lane"], idea["dots"]));
        Assert.Equal(
            ["AI in the classroom", "Supporting girls in tech", "Code Week in rural schools", "Unplugged activities for the youngest", "Teacher training *that sticks*"],
            rows.Where(row => row["board"] == SofiaMeeting.OpenSpaceTitle).Select(row => row["card"]));
    }
}
