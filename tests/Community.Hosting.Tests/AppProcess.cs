using System.Diagnostics;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>
/// A built app (silo or web) as its own process, started the way ./run.sh starts it: `dotnet App.dll` from the
/// project folder with configuration in environment variables. Disposing kills it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private AppProcess(Process process)
    {
        _process = process;
        _output = ProcessOutput.Of(process);
    }

    public string Output => _output.ToString();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppProcess StartSilo(IReadOnlyDictionary<string, string> environment) => Start("Community.Silo", environment);

    public static AppProcess StartWeb(IReadOnlyDictionary<string, string> environment) => Start("Community.Web", environment);

    public static AppProcess StartProxy(IReadOnlyDictionary<string, string> environment) => Start("Community.Proxy", environment);

    private static AppProcess Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var projectFolder = Path.Combine(RepositoryRoot.Path, "src", project);
        var dll = Path.Combine(projectFolder, "bin", BuildConfiguration, "net10.0", $"{project}.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built: run dotnet build Community.sln first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {project}."));
    }

    /// <summary>The tests are built in the same configuration as the apps (bin/Debug or bin/Release).</summary>
    private static string BuildConfiguration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>SIGKILL, as `kill -9`: no graceful shutdown, no last flush.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end on its own; a generous deadline only guards against a hang.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancellation = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {deadline.TotalSeconds} s. Output:\n{Output}");
        }

        // The redirected streams may still hold the last lines after the exit itself.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        _process.Dispose();
    }
}
