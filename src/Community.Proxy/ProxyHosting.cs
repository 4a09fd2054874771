using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Community.Proxy;

/// <summary>
/// One address (<c>COMMUNITY_WEB_URL</c>, default http://127.0.0.1:5080) in front of the web nodes listed in
/// <c>COMMUNITY_WEB_NODES</c> (comma-separated URLs), so a browser never needs to know two ports.
/// <list type="bullet">
/// <item>Affinity: a browser keeps its node (a cookie), because SignalR's negotiate and its WebSocket must reach
/// the same node; when that node dies the browser is redistributed and its hub client reconnects elsewhere.</item>
/// <item>Health: a node that refuses connections is taken out at once (passive), and every node's /healthz is
/// probed every 2 s (active) to let it back in. When no node looks healthy, requests still go to all of them.</item>
/// <item>The original Host is passed on, so the nodes' Origin checks and links see the address people use, and
/// X-Forwarded-For/-Proto carry the client's address for the nodes' per-address limits.</item>
/// </list>
/// </summary>
public static class ProxyHosting
{
    private const string ClusterId = "web";

    public static WebApplicationBuilder AddCommunityProxy(this WebApplicationBuilder builder)
    {
        var url = builder.Configuration["COMMUNITY_WEB_URL"] ?? "http://127.0.0.1:5080";
        builder.WebHost.UseUrls(url);
        var nodes = WebNodes(builder.Configuration["COMMUNITY_WEB_NODES"]);
        builder.Services.AddReverseProxy().LoadFromMemory([Route()], [Cluster(nodes)]);
        return builder;
    }

    internal static IReadOnlyList<string> WebNodes(string? setting)
    {
        var nodes = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (nodes.Length == 0 || nodes.Any(node => !Uri.TryCreate(node, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"COMMUNITY_WEB_NODES must list the web nodes' http(s) URLs, comma-separated; it is '{setting}'.");
        }

        return nodes;
    }

    private static RouteConfig Route() => new RouteConfig
    {
        RouteId = "everything",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**rest}" },
    }.WithTransformUseOriginalHostHeader(useOriginal: true);

    private static ClusterConfig Cluster(IReadOnlyList<string> nodes) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        SessionAffinity = new SessionAffinityConfig
        {
            Enabled = true,
            Policy = "HashCookie",
            FailurePolicy = "Redistribute",
            AffinityKeyName = ".community.node",
        },
        HealthCheck = new HealthCheckConfig
        {
            AvailableDestinationsPolicy = "HealthyOrPanic",
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(5) },
            Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(2), Policy = "ConsecutiveFailures", Path = "/healthz" },
        },
        Destinations = nodes.Select((node, index) => (node, index))
            .ToDictionary(entry => $"web-{entry.index + 1}", entry => new DestinationConfig { Address = entry.node }),
    };
}
