using System.Diagnostics;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>A throwaway redis-server on a free port (./test.sh installs it), holding only cluster membership.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private RedisServer(Process process, int port)
    {
        _process = process;
        _output = ProcessOutput.Of(process);
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new RedisServer(Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server: run ./test.sh to install it."), port);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), () => $"redis-server said: {server._output}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
