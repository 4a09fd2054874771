using Community.Grains.Abstractions;
using Community.Web.Endpoints;

namespace Community.Web.Pages;

/// <summary>
/// Links between regional (glocal) boards: a card on one region's board names the other regions' boards it links
/// with, and each of those boards shows the card, so both sides see the link.
/// </summary>
public static class RegionLinks
{
    /// <summary>A card of another region that links here.</summary>
    public sealed record IncomingLink(string BoardId, string BoardTitle, string CardId, string Title);

    public static IReadOnlyList<BoardSummary> OtherRegions(MeetingView meeting, string boardId) =>
        [.. meeting.Boards.Where(board => board.Kind == BoardKind.Glocal && board.BoardId != boardId)];

    /// <summary>The active cards of <paramref name="others"/> linking with <paramref name="boardId"/>, by region then title.</summary>
    public static async Task<IReadOnlyList<IncomingLink>> LinkedWithAsync(
        IGrainFactory grains, MeetingView meeting, IReadOnlyList<BoardSummary> others, string boardId)
    {
        var snapshots = await Task.WhenAll(others.Select(board => grains.Board(meeting.MeetingId, board.BoardId).GetSnapshot(null)));
        return
        [
            .. others.Zip(snapshots).SelectMany(pair => pair.Second.Cards
                .Where(card => card.LinkedBoards.Contains(boardId))
                .Select(card => new IncomingLink(pair.First.BoardId, pair.First.Title, card.CardId, card.Title))),
        ];
    }
}
