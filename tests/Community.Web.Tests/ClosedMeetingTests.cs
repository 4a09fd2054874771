using System.Net;
using System.Net.Http.Json;
using Community.Grains.Abstractions;

namespace Community.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ClosedMeetingTests(WebFixture fixture)
{
    [Fact]
    public async Task Nobody_joins_a_closed_meeting_through_the_api()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        await CloseAsync(meeting);
        using var client = fixture.App.CreateClient();

        using var joined = await client.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = "Late Larry" });

        Assert.Equal(HttpStatusCode.Conflict, joined.StatusCode);
        await AccessTests.AssertProblemAsync(joined, "/problems/meeting-closed");
    }

    [Fact]
    public async Task A_join_form_sent_after_the_meeting_closed_says_so_and_signs_nobody_in()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var client = fixture.App.CreateClient();

        // Larry opened the join page while the meeting was live, then the organiser closed it.
        using var posted = await PageForms.PostAsync(client, $"/j/{meeting.JoinCode}", $"/j/{meeting.JoinCode}", new Dictionary<string, string>
        {
            ["name"] = "Late Larry",
        }, beforePosting: () => CloseAsync(meeting));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("This meeting is closed", await posted.Content.ReadAsStringAsync());
        Assert.False(posted.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith("community=", StringComparison.Ordinal)));
        Assert.DoesNotContain("<form", await client.GetStringAsync($"/j/{meeting.JoinCode}"));
    }

    private async Task CloseAsync(Endpoints.MeetingCreatedResponse meeting)
    {
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        await ApiSession.SendAsync<MeetingView>(organiser, HttpMethod.Patch, $"/api/meetings/{meeting.MeetingId}", new { state = "closed" });
    }
}
