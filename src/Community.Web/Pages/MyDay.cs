using Community.Grains.Abstractions;
using Community.Web.Endpoints;

namespace Community.Web.Pages;

/// <summary>One topic of a member's day: one they convene or marked as interesting, with where and when if placed.</summary>
public sealed record MyDayTopic(BoardSummary Board, CardView Card, bool Convening, Slot? Slot, Space? Space);

/// <summary>
/// A member's own agenda across the meeting's boards: the topics they proposed or marked as interesting, placed
/// ones in the order of their slots, then the ones still waiting for a place.
/// </summary>
public static class MyDay
{
    public static async Task<IReadOnlyList<MyDayTopic>> ForAsync(IGrainFactory grains, MeetingView meeting, string participantId)
    {
        var snapshots = await Task.WhenAll(meeting.Boards.Select(board => grains.Board(meeting.MeetingId, board.BoardId).GetSnapshot(participantId)));
        var topics = new List<MyDayTopic>();
        foreach (var (board, snapshot) in meeting.Boards.Zip(snapshots))
        {
            var interested = snapshot.MyDots?.Interested ?? [];
            foreach (var card in snapshot.Cards)
            {
                var convening = card.AuthorId == participantId;
                if (!convening && !interested.Contains(card.CardId))
                {
                    continue;
                }

                var slot = snapshot.Grid?.Slots.FirstOrDefault(candidate => candidate.Id == card.Placement?.SlotId);
                var space = snapshot.Grid?.Spaces.FirstOrDefault(candidate => candidate.Id == card.Placement?.SpaceId);
                topics.Add(new MyDayTopic(board, card, convening, slot, space));
            }
        }

        return [.. topics.OrderBy(topic => topic.Slot is null).ThenBy(topic => topic.Slot?.StartsAt).ThenBy(topic => topic.Card.Title, StringComparer.CurrentCulture)];
    }
}
