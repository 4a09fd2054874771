using System.Diagnostics;
using System.Net;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>The curl session README points newcomers to, run as they would run it against a started platform.</summary>
public sealed class DocumentedExampleTests
{
    [Fact]
    public async Task The_documented_curl_session_runs_from_a_new_meeting_to_a_scheduled_grid()
    {
        var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
        var (siloPort, gatewayPort, webUrl) = (FreePort.Next(), FreePort.Next(), Deployment.WebUrlOnFreePort());
        await using var silo = AppProcess.StartSilo(deployment.Silo(siloPort, gatewayPort));
        await using var web = AppProcess.StartWeb(deployment.Web(webUrl, gatewayPort));
        await new Health(webUrl).UntilAsync(HttpStatusCode.OK, () => $"silo:\n{silo.Output}\nweb:\n{web.Output}");

        var (exitCode, output) = await RunAsync("bash", Path.Combine(RepositoryRoot.Path, "docs", "examples", "board-session.sh"), webUrl);

        Assert.True(exitCode == 0, $"board-session.sh exited with {exitCode}:\n{output}");
        var finalBoard = output[output.IndexOf("== Final board", StringComparison.Ordinal)..];
        Assert.Equal(3, finalBoard.Split("\"status\": \"scheduled\"").Length - 1);
        Assert.Contains("status 409", output);
        Assert.Contains("over-card-cap", output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
