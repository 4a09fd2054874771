using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Community.Testing;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Community.Web.Tests.Live;

/// <summary>
/// Removing a person and revoking every token, seen from both web nodes of one cluster: each node checks tokens
/// against the meeting grain (cached for half a second), so the refusal reaches every node within a second.
/// </summary>
public sealed class RevocationTests(LiveStack stack) : IClassFixture<LiveStack>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_removed_participant_is_refused_on_both_nodes_within_a_second_and_their_dots_leave_the_board_live()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 2, cards: 1);
        var (ana, boris) = (scenario.Participants[0], scenario.Participants[1]);
        var cardId = scenario.CardIds[0];
        foreach (var participant in scenario.Participants)
        {
            using var voter = stack.HostA.CreateClient(participant.Token);
            await scenario.SetDotsAsync(voter, cardId, 1);
        }

        await using var anaOnB = scenario.Watcher(stack.HostB, ana.Token);
        await using var borisOnB = scenario.Watcher(stack.HostB, boris.Token);
        await Task.WhenAll(anaOnB.StartAsync(), borisOnB.StartAsync());
        using var anaOnA = stack.HostA.CreateClient(ana.Token);
        using var anaOnHostB = stack.HostB.CreateClient(ana.Token);
        // Both nodes have seen Ana's token as good, so both hold the meeting's access in their caches.
        Assert.Equal(HttpStatusCode.OK, (await anaOnA.GetAsync(BoardUrl(scenario))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anaOnHostB.GetAsync(BoardUrl(scenario))).StatusCode);

        using var organiser = stack.HostA.CreateClient(scenario.Meeting.OrganiserToken);
        using var removed = await organiser.DeleteAsync($"/api/meetings/{scenario.MeetingId}/participants/{ana.ParticipantId}");
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        // The node that removed her refuses at once; the other within its cache interval.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anaOnA.GetAsync(BoardUrl(scenario))).StatusCode);
        await UntilRefusedAsync(() => anaOnHostB.GetAsync(BoardUrl(scenario)));
        var hubCall = await Record.ExceptionAsync(() => anaOnB.Connection.InvokeAsync("Watch", scenario.MeetingId, scenario.BoardId));
        Assert.True(clock.Elapsed < WithinASecond, $"Refused on both nodes only after {clock.Elapsed.TotalMilliseconds} ms.");
        Assert.True(hubCall is HubException or InvalidOperationException or TaskCanceledException, $"The hub served a removed participant: {hubCall}");
        await using var fresh = scenario.Watcher(stack.HostB, ana.Token);
        await Assert.ThrowsAnyAsync<HttpRequestException>(fresh.StartAsync);
        // Boris, watching on the other node, sees Ana's dot leave the card.
        await Convergence.UntilAsync(() => borisOnB.Board.Cards.Single().Dots == 1, () => $"Boris sees {borisOnB.Board.Cards.Single().Dots} dots");
        Assert.Equal(1, (await scenario.SnapshotAsync()).Cards.Single().Dots);
    }

    [Fact]
    public async Task Revoking_every_token_refuses_the_old_ones_on_both_nodes_and_hands_the_organiser_a_new_one()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 1, cards: 0);
        using var organiser = stack.HostA.CreateClient(scenario.Meeting.OrganiserToken);
        using var participantOnB = stack.HostB.CreateClient(scenario.Participants[0].Token);
        Assert.Equal(HttpStatusCode.OK, (await participantOnB.GetAsync(BoardUrl(scenario))).StatusCode);

        using var response = await organiser.PostAsync($"/api/meetings/{scenario.MeetingId}/tokens/revoke", null);
        var revoked = await CommunityWebApp.ReadAsync<TokensRevokedResponse>(response);
        var clock = Stopwatch.StartNew();

        await UntilRefusedAsync(() => participantOnB.GetAsync(BoardUrl(scenario)));
        Assert.True(clock.Elapsed < WithinASecond, $"Refused only after {clock.Elapsed.TotalMilliseconds} ms.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await organiser.GetAsync(BoardUrl(scenario))).StatusCode);
        Assert.Equal(1, revoked.KeyGeneration);
        using var renewed = stack.HostB.CreateClient(revoked.Token);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync(BoardUrl(scenario))).StatusCode);
        // People join again with the code and get tokens of the new generation.
        var again = await stack.HostB.JoinAsync(scenario.Meeting.JoinCode, "Back again");
        using var rejoined = stack.HostA.CreateClient(again.Token);
        Assert.Equal(HttpStatusCode.OK, (await rejoined.GetAsync(BoardUrl(scenario))).StatusCode);
    }

    private static string BoardUrl(BoardScenario scenario) => $"/api/meetings/{scenario.MeetingId}/boards/{scenario.BoardId}";

    /// <summary>Asks until the answer is 401 or 403, for at most a second (the cache interval is half of that).</summary>
    private static async Task UntilRefusedAsync(Func<Task<HttpResponseMessage>> request)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await request();
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return;
            }

            Assert.True(clock.Elapsed < WithinASecond, $"Still {(int)response.StatusCode} after {clock.Elapsed.TotalMilliseconds} ms.");
            await Task.Delay(50);
        }
    }
}
