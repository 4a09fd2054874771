using Community.Grains.Abstractions;

namespace Community.Web.Endpoints;

/// <summary>The grains behind the API's routes, by route values.</summary>
internal static class GrainAccess
{
    public static IMeetingGrain Meeting(this IGrainFactory grains, string meetingId) => grains.GetGrain<IMeetingGrain>(meetingId);

    public static IBoardGrain Board(this IGrainFactory grains, string meetingId, string boardId) =>
        grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, boardId));

    public static ICardDiscussionGrain Discussion(this IGrainFactory grains, string meetingId, string boardId, string cardId) =>
        grains.GetGrain<ICardDiscussionGrain>(Keys.Card(meetingId, boardId, cardId));
}
