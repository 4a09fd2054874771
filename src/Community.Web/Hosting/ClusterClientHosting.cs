using Orleans.Configuration;

namespace Community.Web.Hosting;

public static class ClusterClientHosting
{
    /// <summary>
    /// Set by tests that hand the web app an in-process cluster's client: the app then registers no client of its own.
    /// </summary>
    public const string ExternalClientSetting = "COMMUNITY_EXTERNAL_CLUSTER_CLIENT";

    private const string ClusterId = "community";
    private const string ServiceId = "community";

    /// <summary>
    /// The web node is an Orleans client: it finds silos through Redis when <c>ConnectionStrings:Redis</c> is set,
    /// else through the localhost gateway (COMMUNITY_GATEWAY_PORT, default 30000). It keeps retrying until a silo answers.
    /// A grain call gives up after <c>Community:Cluster:ResponseTimeout</c> (default 10 s, Orleans' own is 30 s): well
    /// under a phone's HTTP timeout, so a call lost with a dying silo becomes a 503 to retry rather than a hang.
    /// </summary>
    public static WebApplicationBuilder AddCommunityClusterClient(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(ExternalClientSetting))
        {
            return builder;
        }

        var configuration = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            var redis = configuration.GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(redis))
            {
                client.UseLocalhostClustering(configuration.GetValue("COMMUNITY_GATEWAY_PORT", 30000), ServiceId, ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = ClusterId;
                    options.ServiceId = ServiceId;
                });
                client.UseRedisClustering(redis);
            }

            client.Configure<ClientMessagingOptions>(options =>
                options.ResponseTimeout = configuration.GetValue("Community:Cluster:ResponseTimeout", TimeSpan.FromSeconds(10)));
            client.Services.AddSingleton<IClientConnectionRetryFilter, RetryUntilSiloAnswers>();
        });
        return builder;
    }
}
