using System.Net;
using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;

namespace Community.Web.Tests;

/// <summary>Every route of the API v1 table (but photos and summary) doing what a user asks of it.</summary>
[Collection(WebCollection.Name)]
public sealed class HappyPathTests(WebFixture fixture)
{
    [Fact]
    public async Task An_organiser_creates_edits_and_publishes_the_meeting_and_its_boards()
    {
        using var session = await ApiSession.StartAsync(fixture.App);

        Assert.True(Codes.IsWellFormed(session.Meeting.JoinCode));
        var edited = await ApiSession.SendAsync<MeetingView>(session.Organiser, HttpMethod.Patch, session.MeetingUrl,
            new { title = "EU Code Week Community Meeting 2025", state = "live", tags = new[] { "expertsgobacktoschool2024" } });
        var glocal = await fixture.App.CreateBoardAsync(session.Meeting.OrganiserToken, session.Meeting.MeetingId,
            new { kind = "glocal", title = "Balkans", region = "Balkans", countries = new[] { "BG", "RO", "GR" } });

        var meeting = await ApiSession.GetAsync<MeetingView>(session.Anonymous, session.MeetingUrl);
        Assert.Equal("EU Code Week Community Meeting 2025", meeting.Details.Title);
        Assert.Equal(MeetingState.Live, meeting.State);
        Assert.Equal(MeetingState.Live, edited.State);
        Assert.True(meeting.Version > edited.Version);
        Assert.Equal([session.Board.BoardId, glocal.BoardId], meeting.Boards.Select(board => board.BoardId));
        Assert.Equal(["BG", "RO", "GR"], meeting.Boards[1].Region!.Countries);
        Assert.NotEmpty((await session.SnapshotAsync(session.Ana)).Lanes);
    }

    [Fact]
    public async Task Joining_with_the_code_as_typed_on_a_phone_gives_a_participant_and_an_invite_a_facilitator()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        var typed = $" {meeting.JoinCode[..3].ToLowerInvariant()}-{meeting.JoinCode[3..]} ";

        var participant = await fixture.App.JoinAsync(typed, "Ana");
        var facilitator = await fixture.App.JoinAsFacilitatorAsync(meeting.OrganiserToken, meeting.MeetingId);

        Assert.Equal((meeting.MeetingId, Role.Participant), (participant.MeetingId, participant.Role));
        Assert.Equal((meeting.MeetingId, Role.Facilitator), (facilitator.MeetingId, facilitator.Role));
    }

    [Fact]
    public async Task Participants_propose_vote_mark_interest_and_presence_and_write_notes()
    {
        using var session = await ApiSession.StartAsync(fixture.App, dotsPerParticipant: 3, maxDotsPerCard: 2);
        var ai = await session.ProposeAsync(session.Ana, "AI in the classroom");
        var girls = await session.ProposeAsync(session.Boris, "Supporting girls in tech");

        var dots = await session.SetDotsAsync(session.Ana, ai.CardId, 2);
        await session.SetDotsAsync(session.Ana, ai.CardId, 2); // idempotent: a retry never double counts
        await session.SetDotsAsync(session.Boris, ai.CardId, 1);
        Assert.Equal(new DotsResponse(2, 1, 2), dots);

        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{session.CardUrl(ai.CardId)}/interest");
        await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Put, $"{session.CardUrl(ai.CardId)}/interest");
        await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Delete, $"{session.CardUrl(ai.CardId)}/interest");
        await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Put, $"{session.CardUrl(girls.CardId)}/presence");
        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Put, $"{session.CardUrl(girls.CardId)}/presence");
        await ApiSession.SendAsync<CardView>(session.Boris, HttpMethod.Delete, $"{session.CardUrl(girls.CardId)}/presence");
        var edited = await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Patch, session.CardUrl(ai.CardId),
            new { title = "AI in the classroom: what works", description = "Bring examples" });
        var notes = await ApiSession.SendAsync<CardDiscussion>(session.Ana, HttpMethod.Put, $"{session.CardUrl(ai.CardId)}/notes",
            new { markdown = "# What works\n- pair programming with AI" });

        var board = await session.SnapshotAsync(session.Ana);
        var aiCard = board.Cards.Single(card => card.CardId == ai.CardId);
        Assert.Equal(("AI in the classroom: what works", 3, 1, 0), (aiCard.Title, aiCard.Dots, aiCard.Interested, aiCard.Present));
        Assert.Equal(1, board.Cards.Single(card => card.CardId == girls.CardId).Present);
        Assert.Equal(new Dictionary<string, int> { [ai.CardId] = 2 }, board.MyDots!.Dots);
        Assert.Equal(1, board.MyDots.Remaining);
        Assert.Equal([girls.CardId], board.MyDots.Present);
        Assert.Equal("Bring examples", edited.Description);
        Assert.Equal(notes.Notes, (await ApiSession.GetAsync<CardDiscussion>(session.Boris, $"{session.CardUrl(ai.CardId)}/notes")).Notes);
    }

    [Fact]
    public async Task A_facilitator_merges_closes_voting_schedules_runs_a_round_and_hides()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var ai = await session.ProposeAsync(session.Ana, "AI in the classroom");
        var duplicate = await session.ProposeAsync(session.Boris, "AI in schools");
        var girls = await session.ProposeAsync(session.Boris, "Supporting girls in tech");
        var spam = await session.ProposeAsync(session.Boris, "Buy cheap watches");
        await session.SetDotsAsync(session.Boris, duplicate.CardId, 1);

        var merged = await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Post, $"{session.CardUrl(duplicate.CardId)}/merge", new { intoCardId = ai.CardId });
        await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Delete, session.CardUrl(spam.CardId));
        var closed = await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Put, $"{session.BoardUrl}/state", new { state = "votingClosed" });
        await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Put, $"{session.CardUrl(ai.CardId)}/schedule", new { slotId = "slot-1", spaceId = "space-1" });
        await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Put, $"{session.CardUrl(girls.CardId)}/schedule", new { slotId = "slot-1", spaceId = "space-2" });
        await ApiSession.SendAsync<CardView>(session.Facilitator, HttpMethod.Delete, $"{session.CardUrl(girls.CardId)}/schedule");
        var round = await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Put, $"{session.BoardUrl}/round", new { label = "Round 1", minutes = 25 });
        var stopped = await ApiSession.SendAsync<BoardSnapshot>(session.Facilitator, HttpMethod.Delete, $"{session.BoardUrl}/round");

        var board = await session.SnapshotAsync(session.Boris);
        Assert.Equal((ai.CardId, 1), (merged.CardId, merged.Dots));
        Assert.Equal(new[] { ai.CardId, girls.CardId }.Order(), board.Cards.Select(card => card.CardId).Order());
        Assert.Equal(1, board.Cards.Single(card => card.CardId == ai.CardId).Dots);
        Assert.Equal(new Placement("slot-1", "space-1"), board.Cards.Single(card => card.CardId == ai.CardId).Placement);
        Assert.Equal(CardStatus.Scheduled, board.Cards.Single(card => card.CardId == ai.CardId).Status);
        Assert.Null(board.Cards.Single(card => card.CardId == girls.CardId).Placement);
        Assert.Equal(BoardState.VotingClosed, closed.State);
        Assert.Equal("Round 1", round.Round?.Label);
        Assert.Null(stopped.Round);
        Assert.Equal(BoardState.VotingClosed, board.State);
    }

    [Fact]
    public async Task An_author_withdraws_their_topic_and_their_dots_come_back()
    {
        using var session = await ApiSession.StartAsync(fixture.App);
        var card = await session.ProposeAsync(session.Ana, "A topic I take back");
        await session.SetDotsAsync(session.Ana, card.CardId, 1);

        var withdrawn = await ApiSession.SendAsync<CardView>(session.Ana, HttpMethod.Delete, session.CardUrl(card.CardId));

        var board = await session.SnapshotAsync(session.Ana);
        Assert.Equal(CardStatus.Withdrawn, withdrawn.Status);
        Assert.DoesNotContain(board.Cards, shown => shown.CardId == card.CardId);
        Assert.Equal(3, board.MyDots!.Remaining);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_answer_anyone()
    {
        using var client = fixture.App.CreateClient();
        using var health = await client.GetAsync("/healthz");
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Equal("healthy", (await health.Content.ReadFromJsonAsync<HealthEndpoints.HealthReport>(Community.Testing.CommunityWebApp.Json))!.Status);
    }
}
