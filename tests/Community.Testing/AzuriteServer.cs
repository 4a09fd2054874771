using System.Diagnostics;

namespace Community.Testing;

/// <summary>
/// A real Azurite blob service from the project's own node_modules (installed by ./test.sh from the lockfile),
/// on a free port, with its data in a fresh temp folder that is deleted afterwards.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private readonly ProcessOutput _output;

    private AzuriteServer(Process process, int port, string dataFolder)
    {
        _process = process;
        _output = ProcessOutput.Of(process);
        Port = port;
        DataFolder = dataFolder;
    }

    public int Port { get; }

    public string DataFolder { get; }

    public string ConnectionString => ConnectionStringFor($"127.0.0.1:{Port}");

    /// <summary>Azurite's development account at a host and port, whether or not anything listens there.</summary>
    public static string ConnectionStringFor(string hostAndPort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://{hostAndPort}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync(string? dataFolder = null, int? port = null)
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}: run ./test.sh (or npm ci) first.");
        }

        var folder = dataFolder ?? Directory.CreateTempSubdirectory("community-azurite-").FullName;
        var chosenPort = port ?? FreePort.Next();
        // node runs Azurite in its own process, so the PID we hold is Azurite's and killing it leaves nothing behind;
        // the launcher ends it when our end of its stdin closes, so a test host that dies takes Azurite with it.
        var launcher = System.IO.Path.Combine(AppContext.BaseDirectory, "exit-with-parent.js");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                launcher, script, "--blobHost", "127.0.0.1", "--blobPort", chosenPort.ToString(), "--location", folder,
                "--silent", "--skipApiVersionCheck", "--loose",
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var server = new AzuriteServer(process, chosenPort, folder);

        try
        {
            await FreePort.WaitUntilListeningAsync(chosenPort, TimeSpan.FromSeconds(120), () => $"Azurite said: {server.Output}");
        }
        catch
        {
            await server.StopAsync();
            throw;
        }

        return server;
    }

    public string Output => _output.ToString();

    /// <summary>Stops the process but keeps the data folder, so a new server on it sees the same blobs.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Stops Azurite as an operator would, keeping the data folder: SIGTERM makes it flush the metadata it otherwise
    /// writes only every few seconds (a SIGKILL may lose those seconds, which is the emulator, not Azure). It
    /// sometimes lingers after the first SIGTERM, so a second follows, and SIGKILL as the last resort.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        for (var attempt = 0; attempt < 2 && !_process.HasExited; attempt++)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
