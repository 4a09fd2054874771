using System.Net;
using System.Text;
using Community.Grains.Abstractions;

namespace Community.Web.Tests;

/// <summary>401, 403, 404, 409 and 413: refused with the documented problem type, and nothing changed.</summary>
[Collection(WebCollection.Name)]
public sealed class RefusalTests(WebFixture fixture)
{
    /// <summary>Every route that needs a member, with a body that would be fine.</summary>
    public static TheoryData<string, string, string> MemberRoutes => new()
    {
        { "PATCH", "/api/meetings/{meeting}", """{"title":"Taken over"}""" },
        { "POST", "/api/meetings/{meeting}/invites", """{"role":"facilitator"}""" },
        { "POST", "/api/meetings/{meeting}/boards", """{"kind":"openSpace","title":"Another"}""" },
        { "GET", "/api/meetings/{meeting}/boards/{board}", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/state", """{"state":"locked"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/round", """{"label":"Round 1","minutes":20}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/round", "" },
        { "POST", "/api/meetings/{meeting}/boards/{board}/cards", """{"title":"Sneaky"}""" },
        { "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"title":"Renamed"}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{"dots":1}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/interest", "" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}/interest", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/presence", "" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}/presence", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", """{"slotId":"slot-1","spaceId":"space-1"}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", "" },
        { "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/merge", """{"intoCardId":"{other}"}""" },
        { "GET", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", """{"markdown":"Defaced"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/dots-hidden", """{"hidden":true}""" },
        { "GET", "/api/meetings/{meeting}/boards/{board}/retired", "" },
        { "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/restore", "" },
    };

    /// <summary>Routes a participant (not the card's author) may not use.</summary>
    public static TheoryData<string, string, string> FacilitatorRoutes => new()
    {
        { "PATCH", "/api/meetings/{meeting}", """{"title":"Taken over"}""" },
        { "POST", "/api/meetings/{meeting}/invites", """{"role":"facilitator"}""" },
        { "POST", "/api/meetings/{meeting}/boards", """{"kind":"openSpace","title":"Another"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/state", """{"state":"locked"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/round", """{"label":"Round 1","minutes":20}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/round", "" },
        { "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"title":"Renamed"}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}", "" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", """{"slotId":"slot-1","spaceId":"space-1"}""" },
        { "DELETE", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", "" },
        { "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/merge", """{"intoCardId":"{other}"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", """{"markdown":"Defaced"}""" },
        { "PUT", "/api/meetings/{meeting}/boards/{board}/dots-hidden", """{"hidden":true}""" },
        { "GET", "/api/meetings/{meeting}/boards/{board}/retired", "" },
        { "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/restore", "" },
    };

    [Theory]
    [MemberData(nameof(MemberRoutes))]
    public async Task Without_a_token_it_is_401_and_nothing_changes(string method, string route, string body)
    {
        var shared = await fixture.SharedSessionAsync();
        await AssertRefusedAsync(shared, shared.Session.Anonymous, method, route, body, HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Theory]
    [MemberData(nameof(MemberRoutes))]
    public async Task With_another_meetings_organiser_token_it_is_403_and_nothing_changes(string method, string route, string body)
    {
        var shared = await fixture.SharedSessionAsync();
        var elsewhere = await fixture.App.CreateMeetingAsync("Another meeting");
        using var stranger = fixture.App.CreateClient(elsewhere.OrganiserToken);
        await AssertRefusedAsync(shared, stranger, method, route, body, HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Theory]
    [MemberData(nameof(FacilitatorRoutes))]
    public async Task A_participant_doing_a_facilitators_or_authors_work_is_403_and_nothing_changes(string method, string route, string body)
    {
        var shared = await fixture.SharedSessionAsync();
        await AssertRefusedAsync(shared, shared.Session.Boris, method, route, body, HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Theory]
    [InlineData("GET", "/api/meetings/no-such-meeting", "")]
    [InlineData("GET", "/api/meetings/{meeting}/boards/no-such-board", "")]
    [InlineData("POST", "/api/meetings/{meeting}/boards/no-such-board/cards", """{"title":"Lost"}""")]
    [InlineData("PATCH", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card", """{"title":"Lost"}""")]
    [InlineData("DELETE", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card", "")]
    [InlineData("PUT", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card/dots", """{"dots":1}""")]
    [InlineData("PUT", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card/interest", "")]
    [InlineData("DELETE", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card/presence", "")]
    [InlineData("PUT", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card/schedule", """{"slotId":"slot-1","spaceId":"space-1"}""")]
    [InlineData("POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/merge", """{"intoCardId":"no-such-card"}""")]
    [InlineData("PUT", "/api/meetings/{meeting}/boards/{board}/cards/no-such-card/notes", """{"markdown":"Lost"}""")]
    [InlineData("GET", "/api/no-such-route", "")]
    public async Task Unknown_things_are_404_and_nothing_changes(string method, string route, string body)
    {
        var shared = await fixture.SharedSessionAsync();
        await AssertRefusedAsync(shared, shared.Session.Facilitator, method, route, body, HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task Dots_over_the_budget_over_the_card_cap_on_a_closed_board_or_a_withdrawn_card_are_409()
    {
        using var session = await ApiSession.StartAsync(fixture.App, dotsPerParticipant: 2, maxDotsPerCard: 1);
        var target = await CardsOfAsync(session);
        var third = await session.ProposeAsync(session.Boris, "Three");
        var thirdDots = $"/api/meetings/{{meeting}}/boards/{{board}}/cards/{third.CardId}/dots";
        await session.SetDotsAsync(session.Ana, target.CardId, 1);
        await session.SetDotsAsync(session.Ana, target.OtherCardId, 1);

        await AssertRefusedAsync(target, session.Ana, "PUT", thirdDots, """{"dots":1}""", HttpStatusCode.Conflict, "/problems/over-budget");
        await AssertRefusedAsync(target, session.Boris, "PUT", thirdDots, """{"dots":2}""", HttpStatusCode.Conflict, "/problems/over-card-cap");

        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Delete, session.CardUrl(third.CardId));
        await AssertRefusedAsync(target, session.Boris, "PUT", thirdDots, """{"dots":1}""", HttpStatusCode.Conflict, "/problems/card-not-active");

        await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Put, $"{session.BoardUrl}/state", new { state = "votingClosed" });
        await AssertRefusedAsync(target, session.Boris, "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{"dots":1}""", HttpStatusCode.Conflict, "/problems/board-closed");
    }

    [Fact]
    public async Task A_taken_grid_cell_or_a_busy_convener_is_409()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var target = await CardsOfAsync(session);
        var boris = await session.ProposeAsync(session.Boris, "Supporting girls in tech");
        await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Put, $"{session.CardUrl(target.CardId)}/schedule", new { slotId = "slot-1", spaceId = "space-1" });

        // The cell is taken; and Ana, who convenes the first topic, cannot convene another in the same slot.
        await AssertRefusedAsync(target, session.Facilitator, "PUT", $"/api/meetings/{{meeting}}/boards/{{board}}/cards/{boris.CardId}/schedule", """{"slotId":"slot-1","spaceId":"space-1"}""", HttpStatusCode.Conflict, "/problems/grid-conflict");
        await AssertRefusedAsync(target, session.Facilitator, "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{other}/schedule", """{"slotId":"slot-1","spaceId":"space-2"}""", HttpStatusCode.Conflict, "/problems/grid-conflict");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_nothing_changes()
    {
        var shared = await fixture.SharedSessionAsync();
        var huge = $$"""{"title":"Big","description":"{{new string('x', 1_000_000)}}"}""";
        await AssertRefusedAsync(shared, shared.Session.Ana, "POST", "/api/meetings/{meeting}/boards/{board}/cards", huge, HttpStatusCode.RequestEntityTooLarge, "/problems/body-too-large");
    }

    private static async Task<SharedSession> CardsOfAsync(ApiSession session) =>
        new(session, (await session.ProposeAsync(session.Ana, "Ana's topic")).CardId, (await session.ProposeAsync(session.Ana, "Ana's other topic")).CardId);

    /// <summary>Sends the request ({meeting}, {board}, {card}, {other} filled in) and checks the refusal and that nothing changed.</summary>
    private static async Task AssertRefusedAsync(SharedSession target, HttpClient client, string method, string route, string body, HttpStatusCode status, string type)
    {
        var session = target.Session;
        var before = await BadInputTests.StateAsync(session, target.CardId);
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(route, target))
        {
            Content = body.Length == 0 ? null : new StringContent(Fill(body, target), Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        await AccessTests.AssertProblemAsync(response, type);
        Assert.Equal(before, await BadInputTests.StateAsync(session, target.CardId));
    }

    private static string Fill(string text, SharedSession target) => text
        .Replace("{meeting}", target.Session.Meeting.MeetingId, StringComparison.Ordinal)
        .Replace("{board}", target.Session.Board.BoardId, StringComparison.Ordinal)
        .Replace("{card}", target.CardId, StringComparison.Ordinal)
        .Replace("{other}", target.OtherCardId, StringComparison.Ordinal);
}
