using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// One topic for a member: where and when, its counts, its notes (written by the convener, facilitators and
/// organisers, read by everyone) and its flip-chart photos. topic.js keeps it live.
/// </summary>
public sealed class TopicModel(IGrainFactory grains) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public CardView Card { get; private set; } = null!;

    /// <summary>The convener, a facilitator of this board or an organiser: the grain checks it again on every save.</summary>
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId, string cardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        // The authorization policy let only members of this meeting in.
        var member = MeetingMember.From(User)!;
        CardView card;
        try
        {
            card = await grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, boardId)).GetCard(cardId, member.ActorIn(meetingId, boardId));
        }
        catch (DomainException exception) when (exception.Error == DomainError.NotFound)
        {
            return NotFound();
        }

        if (card.Status == CardStatus.Merged && card.MergedInto is { } survivor)
        {
            return Redirect($"/m/{meetingId}/b/{boardId}/c/{survivor}");
        }

        if (card.Status is not (CardStatus.Proposed or CardStatus.Scheduled))
        {
            return NotFound();
        }

        (Meeting, Board, Card) = (found.Meeting, found.Board, card);
        CanEdit = member.ParticipantId == card.AuthorId || member.RoleIn(meetingId, boardId) >= Role.Facilitator;
        return Page();
    }
}
