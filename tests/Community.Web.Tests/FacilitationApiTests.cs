using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Community.Web.Tests.Live;

namespace Community.Web.Tests;

/// <summary>The facilitator's tools through the API and the hub: hidden dot counts, restoring cards, presence across boards.</summary>
[Collection(WebCollection.Name)]
public sealed class FacilitationApiTests(WebFixture fixture)
{
    [Fact]
    public async Task Hidden_counts_reach_no_participant_by_api_or_hub_until_voting_closes_and_then_reach_them_live()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var card = await session.ProposeAsync(session.Ana, "Coding in kindergarten");
        await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Put, $"{session.BoardUrl}/dots-hidden", new { hidden = true });
        var hub = new Uri(fixture.App.BaseAddress, "/hubs/live");
        await using var borisWatches = LiveBoardClient.Create(hub, session.BorisToken, session.Meeting.MeetingId, session.Board.BoardId);
        await using var facilitatorWatches = LiveBoardClient.Create(hub, session.FacilitatorToken, session.Meeting.MeetingId, session.Board.BoardId);
        await borisWatches.StartAsync();
        await facilitatorWatches.StartAsync();

        var anaVotes = await session.SetDotsAsync(session.Ana, card.CardId, 1);
        var borisVotes = await session.SetDotsAsync(session.Boris, card.CardId, 1);

        Assert.Null(anaVotes.CardDots);
        Assert.Equal(2, anaVotes.Remaining);
        await Convergence.UntilAsync(
            () => facilitatorWatches.Board.Cards.Single().Dots == 2 && borisWatches.Version == facilitatorWatches.Version,
            () => $"facilitator sees {facilitatorWatches.Board.Cards.Single().Dots} at {facilitatorWatches.Version}, Boris is at {borisWatches.Version}");
        Assert.Equal(0, borisWatches.Board.Cards.Single().Dots);
        Assert.Equal(0, (await session.SnapshotAsync(session.Boris)).Cards.Single().Dots);
        Assert.Equal(2, (await session.SnapshotAsync(session.Facilitator)).Cards.Single().Dots);
        Assert.Null(borisVotes.CardDots);

        await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Put, $"{session.BoardUrl}/state", new { state = "votingClosed" });

        await Convergence.UntilAsync(
            () => borisWatches.Board.Cards.Single().Dots == 2,
            () => $"Boris still sees {borisWatches.Board.Cards.Single().Dots} dots at version {borisWatches.Version}");
        Assert.False((await session.SnapshotAsync(session.Boris)).DotsHidden);
    }

    [Fact]
    public async Task A_hidden_card_is_listed_for_the_facilitator_and_restored_in_one_call()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var card = await session.ProposeAsync(session.Ana, "Girls in tech");
        await session.SetDotsAsync(session.Boris, card.CardId, 1);

        using (var hidden = await session.Facilitator.DeleteAsync(session.CardUrl(card.CardId)))
        {
            hidden.EnsureSuccessStatusCode();
        }

        var retired = await ApiSession.GetAsync<List<CardView>>(session.Facilitator, $"{session.BoardUrl}/retired");
        var restored = await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Post, $"{session.CardUrl(card.CardId)}/restore");

        Assert.Equal((card.CardId, CardStatus.Hidden), (Assert.Single(retired).CardId, retired[0].Status));
        Assert.Equal((CardStatus.Proposed, 0), (restored.Status, restored.Dots));
        var borisSees = await session.SnapshotAsync(session.Boris);
        Assert.Equal(card.CardId, Assert.Single(borisSees.Cards).CardId);
        Assert.Equal(3, borisSees.MyDots!.Remaining);
        Assert.Empty(await ApiSession.GetAsync<List<CardView>>(session.Facilitator, $"{session.BoardUrl}/retired"));
    }

    [Fact]
    public async Task I_am_here_now_holds_for_one_discussion_across_the_boards_of_a_meeting()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var afternoon = await fixture.App.CreateBoardAsync(session.Meeting.OrganiserToken, session.Meeting.MeetingId,
            new { kind = "glocal", title = "Balkans", region = "Balkans", countries = new[] { "BG", "RO" } });
        var afternoonUrl = $"{session.MeetingUrl}/boards/{afternoon.BoardId}";
        var morning = await session.ProposeAsync(session.Ana, "Unplugged activities");
        var regional = await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Post, $"{afternoonUrl}/cards", new { title = "Teacher training in Romania" });

        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{session.CardUrl(morning.CardId)}/presence");
        var there = await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{afternoonUrl}/cards/{regional.CardId}/presence");

        Assert.Equal(1, there.Present);
        Assert.Equal(0, (await session.SnapshotAsync(session.Boris)).Cards.Single().Present);
        var afternoonBoard = await ApiSession.GetAsync<BoardSnapshot>(session.Boris, afternoonUrl);
        Assert.Equal([regional.CardId], afternoonBoard.MyDots!.Present);

        // Leaving and coming back to the first discussion ends the second one again.
        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Delete, $"{afternoonUrl}/cards/{regional.CardId}/presence");
        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{session.CardUrl(morning.CardId)}/presence");
        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{afternoonUrl}/cards/{regional.CardId}/presence");

        Assert.Equal(0, (await session.SnapshotAsync(session.Boris)).Cards.Single().Present);
        Assert.Equal(1, (await ApiSession.GetAsync<BoardSnapshot>(session.Boris, afternoonUrl)).Cards.Single().Present);
    }
}
