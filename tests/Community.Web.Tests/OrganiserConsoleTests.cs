using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class OrganiserConsoleTests(WebFixture fixture)
{
    [Fact]
    public async Task Slot_times_typed_in_the_console_are_the_meetings_local_times()
    {
        var meeting = await fixture.App.CreateMeetingAsync("Sofia meeting");
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var meetingUrl = $"/api/meetings/{meeting.MeetingId}";
        // 3 April 2025 in Sofia is summer time, three hours ahead of UTC.
        await ApiSession.SendAsync<MeetingView>(organiser, HttpMethod.Patch, meetingUrl, new
        {
            startsAt = "2025-04-03T09:00:00+03:00",
            endsAt = "2025-04-03T17:00:00+03:00",
        });

        var console = $"/m/{meeting.MeetingId}/organise";
        using var posted = await PageForms.PostAsync(organiser, console, $"{console}?handler=Board", new Dictionary<string, string>
        {
            ["Form.Kind"] = "OpenSpace",
            ["Form.Title"] = "Marketplace",
            ["Form.Slots"] = "10:00-10:45 Round 1",
            ["Form.Spaces"] = "Hall A",
            ["Form.DotsPerParticipant"] = "3",
            ["Form.MaxDotsPerCard"] = "1",
        });

        var board = Assert.Single((await ApiSession.GetAsync<MeetingView>(organiser, meetingUrl)).Boards);
        var snapshot = await ApiSession.GetAsync<BoardSnapshot>(organiser, $"{meetingUrl}/boards/{board.BoardId}");
        var slot = Assert.Single(snapshot.Grid!.Slots);
        Assert.Equal(DateTimeOffset.Parse("2025-04-03T07:00:00Z"), slot.StartsAt);
        Assert.Equal(DateTimeOffset.Parse("2025-04-03T07:45:00Z"), slot.EndsAt);
    }

    [Fact]
    public async Task The_console_sets_the_date_zone_and_venue_and_slots_fall_on_that_day_in_that_zone()
    {
        var meeting = await fixture.App.CreateMeetingAsync("Sofia meeting");
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var meetingUrl = $"/api/meetings/{meeting.MeetingId}";
        var console = $"/m/{meeting.MeetingId}/organise";
        // Tags and languages come from the API or an import; the console has no fields for them and keeps them.
        await ApiSession.SendAsync<MeetingView>(organiser, HttpMethod.Patch, meetingUrl, new { tags = new[] { "ai" }, languages = new[] { "bg" } });

        using var saved = await PageForms.PostAsync(organiser, console, $"{console}?handler=Details", DetailsForm());
        await PageForms.PostAsync(organiser, console, $"{console}?handler=Board", new Dictionary<string, string>
        {
            ["Form.Kind"] = "OpenSpace",
            ["Form.Title"] = "Marketplace",
            ["Form.Slots"] = "10:00-10:45 Round 1\n2026-12-06 09:30-10:15 Sunday",
            ["Form.Spaces"] = "Hall A, 30",
        });

        var view = await ApiSession.GetAsync<MeetingView>(organiser, meetingUrl);
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T07:00:00Z"), view.Details.StartsAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T15:30:00Z"), view.Details.EndsAt);
        Assert.Equal("Europe/Sofia", view.Details.TimeZone);
        Assert.Equal(("Sofia Tech Park", "Sofia", "BG"), (view.Details.VenueName, view.Details.City, view.Details.Country));
        Assert.Equal(MeetingState.Live, view.State);
        Assert.Equal(["ai"], view.Details.Tags);
        Assert.Equal(["bg"], view.Details.Languages);
        var snapshot = await ApiSession.GetAsync<BoardSnapshot>(organiser, $"{meetingUrl}/boards/{Assert.Single(view.Boards).BoardId}");
        Assert.Equal(
            [DateTimeOffset.Parse("2026-12-05T08:00:00Z"), DateTimeOffset.Parse("2026-12-06T07:30:00Z")],
            snapshot.Grid!.Slots.Select(slot => slot.StartsAt));
        Assert.Equal(30, Assert.Single(snapshot.Grid.Spaces).Capacity);

        // The meeting page shows the description's Markdown rendered and the times in the meeting's zone.
        using var page = await fixture.App.CreateClient().GetAsync($"/m/{meeting.MeetingId}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<strong>open space</strong>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("09:00", html);
        Assert.Contains("datetime=\"2026-12-05T07:00:00Z\"", html);
    }

    [Fact]
    public async Task Dates_and_times_read_the_same_when_the_page_is_in_Bulgarian()
    {
        var meeting = await fixture.App.CreateMeetingAsync("Среща в София");
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        organiser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("bg");
        var console = $"/m/{meeting.MeetingId}/organise";

        using var saved = await PageForms.PostAsync(organiser, console, $"{console}?handler=Details", DetailsForm());

        var view = await ApiSession.GetAsync<MeetingView>(organiser, $"/api/meetings/{meeting.MeetingId}");
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T07:00:00Z"), view.Details.StartsAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T15:30:00Z"), view.Details.EndsAt);
        var form = await (await organiser.GetAsync(console)).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2026-12-05\"", form);
        Assert.Contains("value=\"09:00\"", form);
    }

    [Theory]
    [InlineData("TimeZone", "Mars/Olympus", "Choose a time zone from the list")]
    [InlineData("Country", "XX", "Use two-letter country codes")]
    [InlineData("EndTime", "08:00", "The end must come after the start.")]
    [InlineData("OnlineLink", "javascript:alert(1)", "Type a full link starting with https://.")]
    [InlineData("State", "Closed", "To close the meeting, tick the box")]
    public async Task Bad_details_are_shown_at_their_field_and_change_nothing(string field, string value, string message)
    {
        var meeting = await fixture.App.CreateMeetingAsync("Unchanged");
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var meetingUrl = $"/api/meetings/{meeting.MeetingId}";
        var before = await organiser.GetStringAsync(meetingUrl);
        var console = $"/m/{meeting.MeetingId}/organise";
        var form = DetailsForm();
        form[$"Details.{field}"] = value;
        if (field == "EndTime")
        {
            form.Remove("Details.EndDate");
        }

        using var response = await PageForms.PostAsync(organiser, console, $"{console}?handler=Details", form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Matches($"data-valmsg-for=\"Details.{(field == "State" ? "ConfirmClose" : field)}\"[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", html);
        Assert.Equal(before, await organiser.GetStringAsync(meetingUrl));
    }

    [Fact]
    public async Task Closing_from_the_console_needs_the_confirmation()
    {
        var meeting = await fixture.App.CreateMeetingAsync("Closing");
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var console = $"/m/{meeting.MeetingId}/organise";
        var form = DetailsForm();
        form["Details.State"] = "Closed";
        form["Details.ConfirmClose"] = "true";

        await PageForms.PostAsync(organiser, console, $"{console}?handler=Details", form);

        Assert.Equal(MeetingState.Closed, (await ApiSession.GetAsync<MeetingView>(organiser, $"/api/meetings/{meeting.MeetingId}")).State);
    }

    private static Dictionary<string, string> DetailsForm() => new()
    {
        ["Details.Title"] = "Sofia meeting",
        ["Details.Description"] = "An **open space** day. <script>alert(1)</script>",
        ["Details.StartDate"] = "2026-12-05",
        ["Details.EndDate"] = "2026-12-06",
        ["Details.StartTime"] = "09:00",
        ["Details.EndTime"] = "17:30",
        ["Details.TimeZone"] = "Europe/Sofia",
        ["Details.VenueName"] = "Sofia Tech Park",
        ["Details.City"] = "Sofia",
        ["Details.Country"] = "BG",
        ["Details.OnlineLink"] = "",
        ["Details.State"] = "Live",
    };
}
