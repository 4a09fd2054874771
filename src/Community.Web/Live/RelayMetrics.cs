using System.Diagnostics;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Community.Web.Live;

/// <summary>What a relay's send costs, for <see cref="CommunityMetrics"/>: kept here so the relay's measuring point is one line.</summary>
internal static class RelayMetrics
{
    /// <summary>The live hub's JSON encoding (enums as strings), to count the bytes of one copy of a message.</summary>
    private static readonly JsonHubProtocol Json = new(Options.Create(JsonWithEnumsAsStrings()));

    /// <summary>
    /// Records one coalesced message sent to <paramref name="connections"/> connections: the bytes of all copies as the
    /// JSON protocol encodes them (serialised once here, only while a meter listener is on) and, if it carried changes,
    /// how long the oldest of them waited since <paramref name="pendingSince"/> (a <see cref="Stopwatch"/> timestamp, 0 for none).
    /// </summary>
    public static void Sent(string method, object message, int connections, long pendingSince)
    {
        if (pendingSince != 0)
        {
            CommunityMetrics.FanOutLatency.Record(Stopwatch.GetElapsedTime(pendingSince).TotalMilliseconds);
        }

        if (connections > 0 && CommunityMetrics.BytesSent.Enabled)
        {
            var bytes = Json.GetMessageBytes(new InvocationMessage(method, [message])).Length;
            CommunityMetrics.BytesSent.Add((long)bytes * connections);
        }
    }

    private static JsonHubProtocolOptions JsonWithEnumsAsStrings()
    {
        var options = new JsonHubProtocolOptions();
        ApiHosting.AddEnumsAsStrings(options.PayloadSerializerOptions);
        return options;
    }
}
