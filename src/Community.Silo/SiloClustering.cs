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
    /// A cluster declares a silo dead after <c>Community:Membership:MissedProbesLimit</c> (2) probes missed by
    /// <c>Community:Membership:ProbeTimeout</c> (2 s): tuned for silos on one LAN, where a probe that takes 2 s
    /// means the silo is gone; Orleans' defaults (3 x 5 s) suit the wider internet and keep a dead silo's grains
    /// unreachable for longer. docs/reliability.md has the figures for both.
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
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = configuration.GetValue("Community:Membership:ProbeTimeout", TimeSpan.FromSeconds(2));
            options.NumMissedProbesLimit = configuration.GetValue("Community:Membership:MissedProbesLimit", 2);
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
