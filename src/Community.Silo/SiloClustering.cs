using System.Net;
using Orleans.Configuration;

namespace Community.Silo;

public static class SiloClustering
{
    public const string ClusterId = "community";
    public const string ServiceId = "community";

    /// <summary>
    /// Localhost clustering for a laptop; Redis clustering when <c>ConnectionStrings:Redis</c> is set, so silos on
    /// several machines form one cluster. Ports come from COMMUNITY_SILO_PORT and COMMUNITY_GATEWAY_PORT.
    /// </summary>
    public static ISiloBuilder UseCommunityClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("COMMUNITY_SILO_PORT", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configuration.GetValue("COMMUNITY_GATEWAY_PORT", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var redis = configuration.GetConnectionString("Redis");

        if (string.IsNullOrWhiteSpace(redis))
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: ClusterId);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = ClusterId;
            options.ServiceId = ServiceId;
        });
        silo.ConfigureEndpoints(AdvertisedAddress(configuration), siloPort, gatewayPort, listenOnAnyHostAddress: true);
        return silo.UseRedisClustering(redis);
    }

    // In a container the silo must advertise an address other silos can reach; on one machine loopback is enough.
    private static IPAddress AdvertisedAddress(IConfiguration configuration) =>
        configuration["COMMUNITY_SILO_ADDRESS"] is { Length: > 0 } address
            ? Dns.GetHostAddresses(address).First(ip => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            : IPAddress.Loopback;
}
