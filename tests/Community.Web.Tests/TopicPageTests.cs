using System.Net;

namespace Community.Web.Tests;

/// <summary>The topic page: members read it; only the convener, facilitators and organisers get the notes editor.</summary>
[Collection(WebCollection.Name)]
public sealed class TopicPageTests(WebFixture fixture)
{
    private const string Editor = "id=\"notes-text\"";

    [Fact]
    public async Task The_convener_facilitators_and_organisers_edit_the_notes_others_read_them()
    {
        var (session, cardId, _) = await fixture.SharedSessionAsync();
        var page = $"/m/{session.Meeting.MeetingId}/b/{session.Board.BoardId}/c/{cardId}";

        foreach (var (who, edits) in new[] { (session.Ana, true), (session.Facilitator, true), (session.Organiser, true), (session.Boris, false) })
        {
            using var response = await who.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Ana&#x27;s topic", html);
            Assert.Equal(edits, html.Contains(Editor, StringComparison.Ordinal));
            Assert.Contains("capture=\"environment\"", html);
        }

        using var unknown = await session.Boris.GetAsync($"/m/{session.Meeting.MeetingId}/b/{session.Board.BoardId}/c/no-such-card");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // Someone who has not joined is sent to join first, never shown the topic.
        using var anonymous = await session.Anonymous.GetAsync(page);
        Assert.DoesNotContain("Ana&#x27;s topic", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_notes_preview_renders_markdown_safely_for_any_member()
    {
        var (session, cardId, _) = await fixture.SharedSessionAsync();

        var preview = await ApiSession.SendAsync<Endpoints.SummaryPreviewResponse>(session.Boris, HttpMethod.Post, $"{session.CardUrl(cardId)}/notes/preview",
            new { markdown = "## Ideas\n\n<script>alert(1)</script> [x](javascript:alert(1))" });

        Assert.Contains("<h2", preview.Html);
        Assert.DoesNotContain("<script", preview.Html);
        Assert.DoesNotContain("javascript:", preview.Html);
    }
}
