namespace Community.Testing;

/// <summary>
/// One Azurite per test process, started on first use; it ends with the process even when the test host exits
/// without running exit handlers (see exit-with-parent.js). Tests isolate themselves
/// by unique ids and container names rather than by separate servers, which keeps the suite fast on two cores.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteServer>> Server = new(StartAsync);

    public static Task<AzuriteServer> GetAsync() => Server.Value;

    private static async Task<AzuriteServer> StartAsync()
    {
        var server = await AzuriteServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
