using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>The environment variables that place a silo or a web node, as docker-compose.yml and ./run.sh set them.</summary>
public sealed class Deployment(string blobs, string? redis = null)
{
    public static string WebUrlOnFreePort() => $"http://127.0.0.1:{FreePort.Next()}";

    /// <summary>A silo; its operations listener (metrics, dashboard) at <paramref name="operationsUrl"/>, else on a free port.</summary>
    public Dictionary<string, string> Silo(int siloPort, int gatewayPort, string? operationsUrl = null) => With(new()
    {
        ["COMMUNITY_SILO_PORT"] = siloPort.ToString(),
        ["COMMUNITY_GATEWAY_PORT"] = gatewayPort.ToString(),
        ["COMMUNITY_OPERATIONS_URL"] = operationsUrl ?? WebUrlOnFreePort(),
    });

    /// <summary>A web node; its operations listener (metrics) at <paramref name="operationsUrl"/>, else on a free port.</summary>
    public Dictionary<string, string> Web(string webUrl, int gatewayPort, string? operationsUrl = null) => With(new()
    {
        ["COMMUNITY_WEB_URL"] = webUrl,
        ["COMMUNITY_GATEWAY_PORT"] = gatewayPort.ToString(),
        ["COMMUNITY_OPERATIONS_URL"] = operationsUrl ?? WebUrlOnFreePort(),
    });

    /// <summary>The proxy of ./run.sh --cluster at <paramref name="url"/>, in front of the given web nodes.</summary>
    public static Dictionary<string, string> Proxy(string url, IEnumerable<string> webNodes) => new()
    {
        ["COMMUNITY_WEB_URL"] = url,
        ["COMMUNITY_WEB_NODES"] = string.Join(',', webNodes),
    };

    private Dictionary<string, string> With(Dictionary<string, string> settings)
    {
        settings["ConnectionStrings__Blobs"] = blobs;
        if (redis is not null)
        {
            settings["ConnectionStrings__Redis"] = redis;
        }

        return settings;
    }
}
