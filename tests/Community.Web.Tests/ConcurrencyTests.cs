using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>The invariants of design.md under parallel load through the HTTP API.</summary>
[Collection(WebCollection.Name)]
public sealed class ConcurrencyTests(WebFixture fixture)
{
    private const int Budget = 3;
    private const int CardCap = 2;

    [Fact]
    public async Task Two_hundred_participants_voting_at_once_never_exceed_budgets_and_counts_add_up()
    {
        var (meeting, board, cards) = await BoardWithCardsAsync(10);
        var participants = await JoinManyAsync(meeting, 200);
        using var client = fixture.App.CreateClient();
        var acknowledged = new ConcurrentDictionary<(string Participant, string Card), ConcurrentBag<int>>();

        // Each participant fires three votes at once; the first also fires thirty at once, as a stuck finger would.
        var votes = participants.SelectMany((participant, index) => Enumerable.Range(0, index == 0 ? 30 : 3)
            .Select(vote => (participant, card: cards[(index + vote * 7) % cards.Count], dots: 1 + ((index + vote) % CardCap))));
        var statuses = await Task.WhenAll(votes.Select(async vote =>
        {
            using var response = await SendAsync(client, vote.participant.Token, HttpMethod.Put, $"{BoardUrl(meeting, board)}/cards/{vote.card}/dots", new { dots = vote.dots });
            if (response.IsSuccessStatusCode)
            {
                acknowledged.GetOrAdd((vote.participant.ParticipantId, vote.card), _ => []).Add(vote.dots);
            }

            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.Conflict, statuses); // the stuck finger ran into the budget
        var mine = await AssertInvariantsAsync(client, meeting, board, participants);
        // What a participant holds on a card is a value the API acknowledged to them (or nothing).
        foreach (var (participantId, dots) in mine)
        {
            foreach (var (cardId, held) in dots)
            {
                Assert.Contains(held, acknowledged[(participantId, cardId)]);
            }
        }
    }

    [Fact]
    public async Task Merging_while_people_vote_keeps_budgets_caps_and_counts()
    {
        var (meeting, board, cards) = await BoardWithCardsAsync(3);
        var participants = await JoinManyAsync(meeting, 60);
        using var client = fixture.App.CreateClient();
        var facilitator = await fixture.App.JoinAsFacilitatorAsync(meeting.OrganiserToken, meeting.MeetingId);

        var voting = participants.SelectMany((participant, index) => new[] { cards[0], cards[1], cards[2] }
            .Select(card => SendAsync(client, participant.Token, HttpMethod.Put, $"{BoardUrl(meeting, board)}/cards/{card}/dots", new { dots = 1 + (index % CardCap) })));
        var merge = SendAsync(client, facilitator.Token, HttpMethod.Post, $"{BoardUrl(meeting, board)}/cards/{cards[1]}/merge", new { intoCardId = cards[0] });
        var responses = await Task.WhenAll(voting.Append(merge));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        var snapshot = await ApiSession.GetAsync<BoardSnapshot>(WithToken(client, facilitator.Token), BoardUrl(meeting, board));
        Assert.DoesNotContain(snapshot.Cards, card => card.CardId == cards[1]);
        await AssertInvariantsAsync(client, meeting, board, participants);
    }

    /// <summary>Every participant within budget and cap, and every card's count the sum of its voters' dots.</summary>
    private static async Task<Dictionary<string, IReadOnlyDictionary<string, int>>> AssertInvariantsAsync(
        HttpClient client, MeetingCreatedResponse meeting, BoardSummary board, IReadOnlyList<JoinResponse> participants)
    {
        var snapshots = await Task.WhenAll(participants.Select(async participant =>
        {
            using var response = await SendAsync(client, participant.Token, HttpMethod.Get, BoardUrl(meeting, board), null);
            return (participant.ParticipantId, Snapshot: await CommunityWebApp.ReadAsync<BoardSnapshot>(response));
        }));
        var mine = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var (participantId, snapshot) in snapshots)
        {
            var dots = snapshot.MyDots!.Dots;
            Assert.True(dots.Values.Sum() <= Budget, $"{participantId} holds {dots.Values.Sum()} dots.");
            Assert.All(dots.Values, held => Assert.InRange(held, 1, CardCap));
            Assert.Equal(Budget - dots.Values.Sum(), snapshot.MyDots.Remaining);
            mine[participantId] = dots;
        }

        // Nobody votes any more, so every snapshot's counts are final.
        foreach (var card in snapshots[^1].Snapshot.Cards)
        {
            Assert.Equal(card.Dots, mine.Values.Sum(dots => dots.GetValueOrDefault(card.CardId)));
        }

        return mine;
    }

    private async Task<(MeetingCreatedResponse Meeting, BoardSummary Board, IReadOnlyList<string> Cards)> BoardWithCardsAsync(int count)
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        var board = await fixture.App.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId, Budget, CardCap);
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var cards = new List<string>();
        for (var index = 0; index < count; index++)
        {
            using var response = await organiser.PostAsJsonAsync($"{BoardUrl(meeting, board)}/cards", new { title = $"Topic {index}" }, CommunityWebApp.Json);
            cards.Add((await CommunityWebApp.ReadAsync<CardView>(response)).CardId);
        }

        return (meeting, board, cards);
    }

    private async Task<IReadOnlyList<JoinResponse>> JoinManyAsync(MeetingCreatedResponse meeting, int count) =>
        await Task.WhenAll(Enumerable.Range(1, count).Select(index => fixture.App.JoinAsync(meeting.JoinCode, $"Participant {index}")));

    private static string BoardUrl(MeetingCreatedResponse meeting, BoardSummary board) => $"/api/meetings/{meeting.MeetingId}/boards/{board.BoardId}";

    /// <summary>One shared connection pool; each request carries its own participant's token.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: CommunityWebApp.Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
