using Community.Web.Access;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Community.Web.Live;

/// <summary>
/// At most <see cref="LiveOptions.MaxConnectionsPerParticipant"/> live connections per participant on this web node:
/// one more is closed at connect with "too-many-connections", before it can watch anything, so one token cannot
/// hold hundreds of sockets (and relays) open. The count is per node; behind several nodes each keeps its own.
/// </summary>
internal sealed class ConnectionCap(IOptions<LiveOptions> options) : IHubFilter
{
    private const string CountedItem = "live:counted-participant";

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _connections = [];

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // The hub requires an authenticated member; a principal without one has nothing to count.
        if (MeetingMember.From(context.Context.User) is { } member)
        {
            var participant = $"{member.MeetingId}/{member.ParticipantId}";
            if (!TryTake(participant))
            {
                throw new HubException(
                    $"too-many-connections: one participant keeps at most {options.Value.MaxConnectionsPerParticipant} live connections; close another tab first.");
            }

            context.Context.Items[CountedItem] = participant;
        }

        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            Release(context.Context);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Release(context.Context);
        }
    }

    private bool TryTake(string participant)
    {
        lock (_gate)
        {
            var open = _connections.GetValueOrDefault(participant);
            if (open >= options.Value.MaxConnectionsPerParticipant)
            {
                return false;
            }

            _connections[participant] = open + 1;
            return true;
        }
    }

    private void Release(HubCallerContext connection)
    {
        if (!connection.Items.Remove(CountedItem, out var counted) || counted is not string participant)
        {
            return;
        }

        lock (_gate)
        {
            if (_connections[participant] > 1)
            {
                _connections[participant]--;
            }
            else
            {
                _connections.Remove(participant);
            }
        }
    }
}
