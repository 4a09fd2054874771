using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Live;

/// <summary>A meeting with one open-space board, some topics on it and participants who vote, all through the HTTP API.</summary>
public sealed class BoardScenario
{
    private BoardScenario(CommunityWebApp app, MeetingCreatedResponse meeting, string boardId)
    {
        App = app;
        Meeting = meeting;
        BoardId = boardId;
    }

    public CommunityWebApp App { get; }

    public MeetingCreatedResponse Meeting { get; }

    public string MeetingId => Meeting.MeetingId;

    public string BoardId { get; }

    public List<string> CardIds { get; } = [];

    public List<JoinResponse> Participants { get; } = [];

    /// <param name="description">Each card's description: a long one makes every message about the card big.</param>
    public static async Task<BoardScenario> CreateAsync(CommunityWebApp app, int participants, int cards, int dotsPerParticipant = 3, string? description = null)
    {
        var meeting = await app.CreateMeetingAsync();
        var board = await app.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId, dotsPerParticipant);
        var scenario = new BoardScenario(app, meeting, board.BoardId);
        scenario.Participants.AddRange(await Task.WhenAll(
            Enumerable.Range(1, participants).Select(number => app.JoinAsync(meeting.JoinCode, $"Participant {number}"))));
        for (var number = 1; number <= cards; number++)
        {
            var card = await scenario.ProposeAsync(meeting.OrganiserToken, $"Topic {number}", description);
            scenario.CardIds.Add(card.CardId);
        }

        return scenario;
    }

    public Uri HubUrl(CommunityWebApp host) => new(host.BaseAddress, "/hubs/live");

    public LiveBoardClient Watcher(CommunityWebApp host, string? token = null, bool messagePack = false) =>
        LiveBoardClient.Create(HubUrl(host), token ?? Meeting.OrganiserToken, MeetingId, BoardId, messagePack);

    public async Task<CardView> ProposeAsync(string token, string title, string? description = null, CommunityWebApp? through = null)
    {
        using var client = (through ?? App).CreateClient(token);
        using var response = await client.PostAsJsonAsync(
            $"/api/meetings/{MeetingId}/boards/{BoardId}/cards", new { title, description }, CommunityWebApp.Json);
        return await CommunityWebApp.ReadAsync<CardView>(response);
    }

    public async Task SetDotsAsync(HttpClient client, string cardId, int dots)
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/meetings/{MeetingId}/boards/{BoardId}/cards/{cardId}/dots", new { dots }, CommunityWebApp.Json);
        await CommunityWebApp.ReadAsync<DotsResponse>(response);
    }

    /// <summary>Every participant sets <paramref name="dots"/> on each of <paramref name="dotsEach"/> different cards, all at once.</summary>
    public Task VoteAsync(int dotsEach, int dots = 1, CommunityWebApp? through = null) =>
        Task.WhenAll(Participants.Select(async (participant, index) =>
        {
            using var client = (through ?? App).CreateClient(participant.Token);
            for (var dot = 0; dot < dotsEach; dot++)
            {
                await SetDotsAsync(client, CardIds[(index + dot) % CardIds.Count], dots);
            }
        }));

    /// <summary>The board as the API returns it now.</summary>
    public async Task<BoardSnapshot> SnapshotAsync()
    {
        using var client = App.CreateClient(Meeting.OrganiserToken);
        using var response = await client.GetAsync($"/api/meetings/{MeetingId}/boards/{BoardId}");
        return await CommunityWebApp.ReadAsync<BoardSnapshot>(response);
    }
}
