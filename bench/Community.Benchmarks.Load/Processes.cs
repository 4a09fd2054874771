using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Community.Benchmarks.Load;

/// <summary>
/// The processes a run starts (Azurite, silo, web, baselines), each as its own OS process with its output in a log
/// file, their pids known so /proc can be read; all are killed when the run ends.
/// </summary>
public sealed class Processes(string logFolder) : IDisposable
{
    private readonly List<Process> _started = [];

    public string LogFolder => logFolder;

    /// <summary>Starts <paramref name="command"/> through <c>exec</c>, so the pid is the program's own.</summary>
    public int Start(string name, string command, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {command} > {Path.Combine(logFolder, name + ".log")} 2>&1");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        _started.Add(process);
        return process.Id;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing early if the process died.</summary>
    public static async Task WaitAsync(string name, int pid, Func<Task<bool>> ready, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (!File.Exists($"/proc/{pid}/stat"))
            {
                throw new InvalidOperationException($"{name} exited while starting; see its log.");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{name} was not ready within {limit.TotalSeconds:F0} s; see its log.");
    }

    public static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<bool> HealthyAsync(HttpClient http, Uri baseAddress)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(baseAddress, "/healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_started))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }
    }
}
