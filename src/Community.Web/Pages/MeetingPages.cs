using Community.Grains.Abstractions;

namespace Community.Web.Pages;

public static class MeetingPages
{
    /// <summary>The meeting, or null when there is none with this id.</summary>
    public static async Task<MeetingView?> FindMeetingAsync(IGrainFactory grains, string meetingId)
    {
        try
        {
            return await grains.GetGrain<IMeetingGrain>(meetingId).Get();
        }
        catch (DomainException exception) when (exception.Error == DomainError.NotFound)
        {
            return null;
        }
    }

    /// <summary>The meeting and one of its boards, or null when either is missing.</summary>
    public static async Task<(MeetingView Meeting, BoardSummary Board)?> FindBoardAsync(IGrainFactory grains, string meetingId, string boardId)
    {
        var meeting = await FindMeetingAsync(grains, meetingId);
        var board = meeting?.Boards.FirstOrDefault(board => board.BoardId == boardId);
        return board is null ? null : (meeting!, board);
    }
}
