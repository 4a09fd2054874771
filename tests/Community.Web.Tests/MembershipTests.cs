using System.Net;
using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>Invites that expire, run out and are revoked; who sees the join code; closed and ended meetings; one browser, one person.</summary>
[Collection(WebCollection.Name)]
public sealed class MembershipTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task An_invite_is_a_long_token_that_joins_until_used_up_and_then_is_refused_with_410()
    {
        var meeting = await App.CreateMeetingAsync();
        var invite = await InviteAsync(meeting, new { role = "facilitator", maxUses = 1 });

        Assert.True(InviteTokens.IsWellFormed(invite.Code));
        Assert.Equal(Role.Facilitator, (await App.JoinAsync(invite.Code, "Fran")).Role);
        using var client = App.CreateClient();
        using var again = await client.PostAsJsonAsync("/api/join", new { code = invite.Code, displayName = "Fran's friend" });

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        await AccessTests.AssertProblemAsync(again, "/problems/invite-unusable");
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        var listed = Assert.Single(await ApiSession.GetAsync<List<Invite>>(organiser, $"/api/meetings/{meeting.MeetingId}/invites"));
        Assert.Equal((1, 1, ""), (listed.Uses, listed.MaxUses!.Value, listed.Code));
    }

    [Fact]
    public async Task A_revoked_invite_is_refused_on_the_api_and_on_its_join_page()
    {
        var meeting = await App.CreateMeetingAsync();
        var invite = await InviteAsync(meeting, new { role = "organiser" });
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        using var anonymous = App.CreateClient();
        Assert.Contains("ORGANISER", await anonymous.GetStringAsync($"/j/{invite.Code}"));

        var revoked = await ApiSession.SendAsync<Invite>(organiser, HttpMethod.Delete, $"/api/meetings/{meeting.MeetingId}/invites/{invite.InviteId}");
        using var joined = await anonymous.PostAsJsonAsync("/api/join", new { code = invite.Code, displayName = "Olga" });
        using var page = await PageForms.PostAsync(anonymous, $"/j/{invite.Code}", $"/j/{invite.Code}", new Dictionary<string, string> { ["name"] = "Olga" });

        Assert.True(revoked.Revoked);
        Assert.Equal(HttpStatusCode.Gone, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("no longer works", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_invite_is_refused()
    {
        var meeting = await App.CreateMeetingAsync();
        var organiser = new Actor(meeting.OrganiserId, "Organiser", Role.Organiser);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(1);
        var invite = await fixture.Cluster.Client.GetGrain<IMeetingGrain>(meeting.MeetingId)
            .CreateInvite(organiser, new InviteTerms(Role.Facilitator, [], expiresAt, null));
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));

        using var client = App.CreateClient();
        using var joined = await client.PostAsJsonAsync("/api/join", new { code = invite.Code, displayName = "Late Fran" });

        Assert.Equal(HttpStatusCode.Gone, joined.StatusCode);
        Assert.Contains("expired", (await AccessTests.AssertProblemAsync(joined, "/problems/invite-unusable")).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_join_code_is_shown_to_members_only()
    {
        var meeting = await App.CreateMeetingAsync();
        var ana = await App.JoinAsync(meeting.JoinCode, "Ana");
        var other = await App.CreateMeetingAsync();

        Assert.Equal("", (await MeetingAsync(App.CreateClient(), meeting.MeetingId)).JoinCode);
        Assert.Equal("", (await MeetingAsync(App.CreateClient(other.OrganiserToken), meeting.MeetingId)).JoinCode);
        Assert.Equal(meeting.JoinCode, (await MeetingAsync(App.CreateClient(ana.Token), meeting.MeetingId)).JoinCode);
    }

    [Fact]
    public async Task A_closed_meeting_refuses_every_write_by_its_members_but_the_organiser_may_reopen_it()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Before closing");
        await ApiSession.SendAsync<MeetingView>(session.Organiser, HttpMethod.Patch, session.MeetingUrl, new { state = "closed" });

        using var proposed = await session.Ana.PostAsJsonAsync($"{session.BoardUrl}/cards", new { title = "After closing" });
        using var dotted = await session.Ana.PutAsJsonAsync($"{session.CardUrl(card.CardId)}/dots", new { dots = 1 });
        using var noted = await session.Facilitator.PutAsJsonAsync($"{session.CardUrl(card.CardId)}/notes", new { markdown = "late" });
        using var read = await session.Ana.GetAsync(session.BoardUrl);

        await AccessTests.AssertProblemAsync(proposed, "/problems/meeting-closed");
        Assert.Equal(HttpStatusCode.Conflict, dotted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, (await session.SnapshotAsync(session.Organiser)).Cards.Single().Dots);
        await ApiSession.SendAsync<MeetingView>(session.Organiser, HttpMethod.Patch, session.MeetingUrl, new { state = "live" });
        Assert.Equal(1, (await session.SetDotsAsync(session.Ana, card.CardId, 1)).Dots);
    }

    [Fact]
    public async Task Tokens_of_participants_stop_working_a_grace_period_after_the_meeting_ended()
    {
        using var session = await ApiSession.StartAsync(App);
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30);

        await ApiSession.SendAsync<MeetingView>(session.Organiser, HttpMethod.Patch, session.MeetingUrl,
            new { startsAt = longAgo, endsAt = longAgo.AddHours(8), state = "live" });

        await UntilStatusAsync(() => session.Ana.GetAsync(session.BoardUrl), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Facilitator.GetAsync(session.BoardUrl)).StatusCode);
        using var joined = await session.Anonymous.PostAsJsonAsync("/api/join", new { code = session.Meeting.JoinCode, displayName = "Too late" });
        await AccessTests.AssertProblemAsync(joined, "/problems/meeting-closed");
        // The organiser keeps their way in, to publish the summary or fix the dates.
        Assert.Equal(HttpStatusCode.OK, (await session.Organiser.GetAsync(session.BoardUrl)).StatusCode);
    }

    [Fact]
    public async Task A_burst_of_joins_from_one_browser_is_one_participant()
    {
        var meeting = await App.CreateMeetingAsync();
        using var browser = App.CreateClient();
        using var page = await browser.GetAsync($"/j/{meeting.JoinCode}");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("community-device=", StringComparison.Ordinal));

        var joins = await Task.WhenAll(Enumerable.Range(1, 50).Select(async index =>
        {
            using var response = await browser.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = $"Sock puppet {index}" });
            return await CommunityWebApp.ReadAsync<JoinResponse>(response);
        }));

        var participant = Assert.Single(joins.Select(join => join.ParticipantId).Distinct());
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        var people = await ApiSession.GetAsync<PeopleView>(organiser, $"/api/meetings/{meeting.MeetingId}/participants");
        Assert.Equal([participant], people.People.Where(person => person.Role == Role.Participant).Select(person => person.ParticipantId));
        Assert.Equal(2, people.JoinsPerMinute.Sum(minute => minute.Joins));
    }

    [Fact]
    public async Task A_removed_participant_cannot_come_back_from_the_same_browser()
    {
        var meeting = await App.CreateMeetingAsync();
        using var browser = App.CreateClient();
        await browser.GetAsync($"/j/{meeting.JoinCode}");
        using var first = await browser.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = "Troll" });
        var troll = await CommunityWebApp.ReadAsync<JoinResponse>(first);
        using var organiser = App.CreateClient(meeting.OrganiserToken);

        using var removed = await organiser.DeleteAsync($"/api/meetings/{meeting.MeetingId}/participants/{troll.ParticipantId}");
        using var again = await browser.PostAsJsonAsync("/api/join", new { code = meeting.JoinCode, displayName = "Troll again" });

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AccessTests.AssertProblemAsync(again, "/problems/forbidden");
        var people = await ApiSession.GetAsync<PeopleView>(organiser, $"/api/meetings/{meeting.MeetingId}/participants");
        Assert.True(people.People.Single(person => person.ParticipantId == troll.ParticipantId).Removed);
    }

    [Theory]
    [InlineData("POST", "/invites", """{"role":"participant"}""", "role")]
    [InlineData("POST", "/invites", """{"role":"facilitator","maxUses":0}""", "maxUses")]
    [InlineData("POST", "/invites", """{"role":"facilitator","expiresInHours":0}""", "expiresInHours")]
    [InlineData("POST", "/invites", """{"role":"facilitator","expiresInHours":3000}""", "expiresInHours")]
    [InlineData("POST", "/invites", """{"role":"facilitator","expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("POST", "/invites", """{"role":"facilitator","expiresAt":"2099-01-01T00:00:00Z","expiresInHours":5}""", "expiresAt")]
    [InlineData("POST", "/invites", """{"role":"facilitator","boardIds":["nope"]}""", "boardIds[0]")]
    [InlineData("DELETE", "/invites/not-an-id!", null, "inviteId")]
    [InlineData("DELETE", "/participants/not-an-id!", null, "participantId")]
    public async Task Bad_input_to_the_membership_routes_is_400_naming_the_field_and_changes_nothing(string method, string route, string? body, string field)
    {
        var meeting = await App.CreateMeetingAsync();
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/meetings/{meeting.MeetingId}{route}")
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await organiser.SendAsync(request);

        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        Assert.Empty(await ApiSession.GetAsync<List<Invite>>(organiser, $"/api/meetings/{meeting.MeetingId}/invites"));
    }

    [Fact]
    public async Task Participants_may_not_remove_anyone_and_facilitators_may_not_remove_the_creator()
    {
        using var session = await ApiSession.StartAsync(App);

        using var byAna = await session.Ana.DeleteAsync($"{session.MeetingUrl}/participants/someone");
        using var ofCreator = await session.Facilitator.DeleteAsync($"{session.MeetingUrl}/participants/{session.Meeting.OrganiserId}");

        Assert.Equal(HttpStatusCode.Forbidden, byAna.StatusCode);
        await AccessTests.AssertProblemAsync(ofCreator, "/problems/forbidden");
        Assert.DoesNotContain((await ApiSession.GetAsync<PeopleView>(session.Organiser, $"{session.MeetingUrl}/participants")).People, person => person.Removed);
    }

    private async Task<Invite> InviteAsync(MeetingCreatedResponse meeting, object body)
    {
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        using var response = await organiser.PostAsJsonAsync($"/api/meetings/{meeting.MeetingId}/invites", body, CommunityWebApp.Json);
        return await CommunityWebApp.ReadAsync<Invite>(response);
    }

    private static async Task<MeetingView> MeetingAsync(HttpClient client, string meetingId)
    {
        using (client)
        {
            return await ApiSession.GetAsync<MeetingView>(client, $"/api/meetings/{meetingId}");
        }
    }

    private static async Task UntilStatusAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode status)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await request();
            if (response.StatusCode == status || attempt == 40)
            {
                Assert.Equal(status, response.StatusCode);
                return;
            }

            await Task.Delay(50);
        }
    }
}
