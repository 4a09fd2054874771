using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>A meeting with an open-space board, its organiser, a facilitator and two participants, each with a client.</summary>
public sealed class ApiSession : IDisposable
{
    private ApiSession(CommunityWebApp app, MeetingCreatedResponse meeting, BoardSummary board, JoinResponse facilitator, JoinResponse ana, JoinResponse boris)
    {
        App = app;
        Meeting = meeting;
        Board = board;
        Organiser = app.CreateClient(meeting.OrganiserToken);
        Facilitator = app.CreateClient(facilitator.Token);
        Ana = app.CreateClient(ana.Token);
        Boris = app.CreateClient(boris.Token);
        Anonymous = app.CreateClient();
        AnaToken = ana.Token;
        BorisToken = boris.Token;
        FacilitatorToken = facilitator.Token;
    }

    public CommunityWebApp App { get; }

    public MeetingCreatedResponse Meeting { get; }

    public BoardSummary Board { get; }

    public HttpClient Organiser { get; }

    public HttpClient Facilitator { get; }

    public HttpClient Ana { get; }

    public HttpClient Boris { get; }

    public HttpClient Anonymous { get; }

    public string AnaToken { get; }

    public string BorisToken { get; }

    public string FacilitatorToken { get; }

    /// <summary>A client by the name the test tables use: anonymous, organiser, facilitator, ana, boris.</summary>
    public HttpClient Client(string who) => who switch
    {
        "anonymous" => Anonymous,
        "organiser" => Organiser,
        "facilitator" => Facilitator,
        "ana" => Ana,
        "boris" => Boris,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    public string MeetingUrl => $"/api/meetings/{Meeting.MeetingId}";

    public string BoardUrl => $"{MeetingUrl}/boards/{Board.BoardId}";

    public string CardUrl(string cardId) => $"{BoardUrl}/cards/{cardId}";

    public static async Task<ApiSession> StartAsync(CommunityWebApp app, int dotsPerParticipant = 3, int maxDotsPerCard = 1)
    {
        var meeting = await app.CreateMeetingAsync();
        var board = await app.CreateOpenSpaceBoardAsync(meeting.OrganiserToken, meeting.MeetingId, dotsPerParticipant, maxDotsPerCard);
        var facilitator = await app.JoinAsFacilitatorAsync(meeting.OrganiserToken, meeting.MeetingId);
        var ana = await app.JoinAsync(meeting.JoinCode, "Ana", "BG");
        var boris = await app.JoinAsync(meeting.JoinCode, "Boris");
        return new ApiSession(app, meeting, board, facilitator, ana, boris);
    }

    public async Task<CardView> ProposeAsync(HttpClient client, string title)
    {
        using var response = await client.PostAsJsonAsync($"{BoardUrl}/cards", new { title }, CommunityWebApp.Json);
        return await CommunityWebApp.ReadAsync<CardView>(response);
    }

    public async Task<DotsResponse> SetDotsAsync(HttpClient client, string cardId, int dots)
    {
        using var response = await client.PutAsJsonAsync($"{CardUrl(cardId)}/dots", new { dots }, CommunityWebApp.Json);
        return await CommunityWebApp.ReadAsync<DotsResponse>(response);
    }

    public Task<BoardSnapshot> SnapshotAsync(HttpClient client) => GetAsync<BoardSnapshot>(client, BoardUrl);

    public static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await CommunityWebApp.ReadAsync<T>(response);
    }

    public static async Task<T> SendAsync<T>(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: CommunityWebApp.Json) };
        using var response = await client.SendAsync(request);
        return await CommunityWebApp.ReadAsync<T>(response);
    }

    public void Dispose()
    {
        foreach (var client in new[] { Organiser, Facilitator, Ana, Boris, Anonymous })
        {
            client.Dispose();
        }
    }
}
