namespace Community.Silo;

/// <summary>Where a silo's operations listener is: metrics for Prometheus and the Orleans dashboard (docs/operations.md).</summary>
public static class SiloOperations
{
    /// <summary>Loopback: reachable only from the silo's own machine unless COMMUNITY_OPERATIONS_URL says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5190";

    public const string DashboardPath = "/dashboard";
}
