using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Community.Web.Live;

/// <summary>
/// The live board hub at <see cref="LiveHosting.HubPath"/>. A client watches boards of its token's meeting and
/// receives "changes", "resync" and "watchers" messages (<see cref="LiveMessages"/>); writes go through the HTTP API.
/// Errors are HubExceptions whose message starts with the same problem type the API uses ("forbidden: ...").
/// </summary>
[Authorize]
internal sealed class LiveHub(IGrainFactory grains, BoardRelays relays) : Hub
{
    /// <summary>Ids become parts of grain keys joined with '/', so they must not carry one.</summary>
    private const int MaxIdLength = 64;

    /// <summary>
    /// Starts sending the board's changes to this connection and returns the board as it is now, with the
    /// caller's own dots. Subscribing and joining the group come first, so no change after the snapshot is missed.
    /// </summary>
    public async Task<BoardSnapshot> Watch(string meetingId, string boardId)
    {
        var actor = ActorFor(meetingId, boardId);
        await relays.Watch(Context.ConnectionId, actor.ParticipantId, meetingId, boardId);
        // Facilitators get their own group: while dot counts are hidden, participants get the changes without them.
        var group = DotVisibility.SeesCounts(actor) ? BoardRelay.FacilitatorsOf(meetingId, boardId) : BoardRelay.GroupOf(meetingId, boardId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        try
        {
            return await grains.Board(meetingId, boardId).GetSnapshotFor(actor);
        }
        catch (DomainException exception)
        {
            await StopWatching(meetingId, boardId);
            throw new HubException($"{exception.ProblemType}: {exception.Message}");
        }
    }

    public Task Unwatch(string meetingId, string boardId)
    {
        ActorFor(meetingId, boardId);
        return StopWatching(meetingId, boardId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        relays.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Task StopWatching(string meetingId, string boardId)
    {
        relays.Unwatch(Context.ConnectionId, meetingId, boardId);
        return Task.WhenAll(
            Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardRelay.GroupOf(meetingId, boardId)),
            Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardRelay.FacilitatorsOf(meetingId, boardId)));
    }

    private Actor ActorFor(string meetingId, string boardId)
    {
        if (!IsId(meetingId) || !IsId(boardId))
        {
            throw new HubException($"invalid: {(IsId(meetingId) ? "boardId" : "meetingId")} is not an id.");
        }

        return MeetingMember.From(Context.User)?.ActorIn(meetingId, boardId)
            ?? throw new HubException("forbidden: this token belongs to another meeting.");
    }

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');
}
