using System.Net;
using System.Text;

namespace Community.Web.Tests;

/// <summary>Every write path refuses bad input with 400 problem details naming the field, and changes nothing.</summary>
[Collection(WebCollection.Name)]
public sealed class BadInputTests(WebFixture fixture)
{
    private static readonly string Long121 = new('x', 121);

    /// <summary>Who sends it, method, route ({meeting}, {board}, {card}, {code} filled in), raw body, the field at fault ("" for any).</summary>
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "anonymous", "POST", "/api/meetings", """{"title":""}""", "title" },
        { "anonymous", "POST", "/api/meetings", """{"title":"Sofia","country":"Bulgaria"}""", "country" },
        { "anonymous", "POST", "/api/meetings", """{"title":"Sofia","timeZone":"Mars/Olympus"}""", "timeZone" },
        { "anonymous", "POST", "/api/meetings", """{"title":"Sofia","country":"XX"}""", "country" },
        { "anonymous", "POST", "/api/meetings", """{"title":"Sofia","venueName":"{long121}"}""", "venueName" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"timeZone":"Europe/Atlantis"}""", "timeZone" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"startsAt":"2025-04-03T10:00:00Z","endsAt":"2025-04-03T10:00:00Z"}""", "endsAt" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"onlineLink":"javascript:alert(1)"}""", "onlineLink" },
        { "anonymous", "POST", "/api/meetings", """{"title":""", "" },
        { "anonymous", "POST", "/api/meetings", "", "" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"state":"finished"}""", "state" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"state":2}""", "state" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"title":"   "}""", "title" },
        { "organiser", "PATCH", "/api/meetings/{meeting}", """{"startsAt":"2025-04-03T10:00:00Z","endsAt":"2025-04-03T09:00:00Z"}""", "endsAt" },
        { "anonymous", "POST", "/api/join", """{"code":"","displayName":"Ana"}""", "code" },
        { "anonymous", "POST", "/api/join", """{"code":"{code}","displayName":"{long121}"}""", "displayName" },
        { "anonymous", "POST", "/api/join", """{"code":"{code}"}""", "displayName" },
        { "organiser", "POST", "/api/meetings/{meeting}/invites", """{"role":"participant"}""", "role" },
        { "organiser", "POST", "/api/meetings/{meeting}/invites", """{}""", "role" },
        { "organiser", "POST", "/api/meetings/{meeting}/invites", """{"role":"facilitator","boardIds":["no-such-board"]}""", "boardIds[0]" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"openSpace","title":""}""", "title" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"pinboard","title":"Market"}""", "kind" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"openSpace","title":"Market","slots":[{"startsAt":"2025-04-03T10:00:00Z","endsAt":"2025-04-03T09:00:00Z"}]}""", "slots[0].endsAt" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"glocal","title":"Balkans"}""", "region" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"glocal","title":"Balkans","region":"Balkans","countries":["bg"]}""", "countries[0]" },
        { "organiser", "POST", "/api/meetings/{meeting}/boards", """{"kind":"openSpace","title":"Market","dotsPerParticipant":0}""", "dotsPerParticipant" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/state", """{"state":"closed"}""", "state" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/state", """{}""", "state" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/round", """{"label":"Round 1","minutes":0}""", "minutes" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/round", """{"minutes":20}""", "label" },
        { "ana", "POST", "/api/meetings/{meeting}/boards/{board}/cards", """{"title":""}""", "title" },
        { "ana", "POST", "/api/meetings/{meeting}/boards/{board}/cards", """{"title":"{long121}"}""", "title" },
        { "ana", "POST", "/api/meetings/{meeting}/boards/{board}/cards", """{"title":"Fine","description":"{long2001}"}""", "description" },
        { "ana", "POST", "/api/meetings/{meeting}/boards/{board}/cards", """{"title":"Fine","lane":"no-such-lane"}""", "lane" },
        { "ana", "POST", "/api/meetings/{meeting}/boards/{board}/cards", """["title"]""", "" },
        { "ana", "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"title":""}""", "title" },
        { "ana", "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"description":"{long2001}"}""", "description" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{"dots":-1}""", "dots" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{"dots":"two"}""", "dots" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{"dots":"1"}""", "dots" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/dots", """{}""", "dots" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", """{"slotId":"slot-9","spaceId":"space-1"}""", "slotId" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/schedule", """{"slotId":"slot-1"}""", "spaceId" },
        { "facilitator", "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/merge", """{"intoCardId":"{card}"}""", "intoCardId" },
        { "facilitator", "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/merge", """{}""", "intoCardId" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/dots-hidden", """{}""", "hidden" },
        { "facilitator", "PUT", "/api/meetings/{meeting}/boards/{board}/dots-hidden", """{"hidden":"yes"}""", "hidden" },
        { "facilitator", "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"linkedBoards":["{board}"]}""", "linkedBoards[0]" },
        { "facilitator", "PATCH", "/api/meetings/{meeting}/boards/{board}/cards/{card}", """{"linkedBoards":["Not a board!"]}""", "linkedBoards[0]" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", """{"markdown":"{long20001}"}""", "markdown" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", """{}""", "markdown" },
        { "boris", "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes/preview", """{"markdown":"{long20001}"}""", "markdown" },
        { "boris", "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes/preview", """{}""", "markdown" },
        { "boris", "POST", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes/preview", $$"""{"markdown":"{{new string('>', 40)}} too deep"}""", "markdown" },
        { "ana", "PUT", "/api/meetings/{meeting}/boards/{board}/cards/{card}/notes", $$"""{"markdown":"{{new string('>', 40)}} too deep"}""", "markdown" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_400_naming_the_field_and_changes_nothing(string who, string method, string route, string body, string field)
    {
        var (session, cardId, _) = await fixture.SharedSessionAsync();
        var before = await StateAsync(session, cardId);

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(route, session, cardId))
        {
            Content = new StringContent(Fill(body, session, cardId), Encoding.UTF8, "application/json"),
        };
        using var response = await session.Client(who).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.NotEmpty(errors);
        if (field.Length > 0)
        {
            Assert.Contains(field, errors);
        }

        Assert.Equal(before, await StateAsync(session, cardId));
    }

    /// <summary>What a user could see change: the meeting, the board with Ana's dots, the card's notes.</summary>
    internal static async Task<string> StateAsync(ApiSession session, string cardId)
    {
        using var meeting = await session.Anonymous.GetAsync(session.MeetingUrl);
        using var board = await session.Ana.GetAsync(session.BoardUrl);
        using var notes = await session.Ana.GetAsync($"{session.CardUrl(cardId)}/notes");
        return string.Join("\n", await meeting.Content.ReadAsStringAsync(), await board.Content.ReadAsStringAsync(), await notes.Content.ReadAsStringAsync());
    }

    private static string Fill(string text, ApiSession session, string cardId) => text
        .Replace("{meeting}", session.Meeting.MeetingId, StringComparison.Ordinal)
        .Replace("{board}", session.Board.BoardId, StringComparison.Ordinal)
        .Replace("{card}", cardId, StringComparison.Ordinal)
        .Replace("{code}", session.Meeting.JoinCode, StringComparison.Ordinal)
        .Replace("{long121}", Long121, StringComparison.Ordinal)
        .Replace("{long2001}", new string('x', 2_001), StringComparison.Ordinal)
        .Replace("{long20001}", new string('x', 20_001), StringComparison.Ordinal);
}
