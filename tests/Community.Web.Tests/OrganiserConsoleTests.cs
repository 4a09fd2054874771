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
}
