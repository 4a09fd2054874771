using Community.Grains.Abstractions;
using Community.Testing;

namespace Community.Web.Tests;

/// <summary>Its own cluster: restarting silos must not disturb the other tests.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_board_after_a_silo_and_web_restart_equals_the_one_before_and_tokens_still_work()
    {
        await using var cluster = await CommunityCluster.StartAsync();
        string before;
        string boardUrl;
        string anaToken;
        await using (var app = CommunityWebApp.Start(cluster))
        {
            using var session = await ApiSession.StartAsync(app, dotsPerParticipant: 3, maxDotsPerCard: 2);
            var ai = await session.ProposeAsync(session.Ana, "AI in the classroom");
            var girls = await session.ProposeAsync(session.Boris, "Supporting girls in tech");
            await session.SetDotsAsync(session.Ana, ai.CardId, 2);
            await session.SetDotsAsync(session.Boris, girls.CardId, 1);
            await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Put, $"{session.CardUrl(girls.CardId)}/interest");
            await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Put, $"{session.CardUrl(ai.CardId)}/schedule", new { slotId = "slot-2", spaceId = "space-1" });
            boardUrl = session.BoardUrl;
            anaToken = session.AnaToken;
            using var response = await session.Ana.GetAsync(boardUrl);
            before = await response.Content.ReadAsStringAsync();
        }

        await cluster.RestartAsync();
        await using var restarted = CommunityWebApp.Start(cluster);
        using var ana = restarted.CreateClient(anaToken);
        using var answer = await ana.GetAsync(boardUrl);
        var after = await answer.Content.ReadAsStringAsync();

        Assert.Contains("AI in the classroom", before);
        Assert.Equal(before, after);
    }
}
