using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Testing;

// A join storm: N people scan the QR code within T seconds, each from their own phone (address), through
// POST /api/join. Reports latency percentiles, status counts, joins/s, this process's CPU, and whether everyone who
// got 200 is listed for the organiser.
// Usage: dotnet run -c Release --project bench/Community.Benchmarks.Joins [-- joins seconds [url] [--raised]]
//   (default 2000 10; without a url it starts its own Azurite, Orleans test cluster and the web app on Kestrel, and
//   then the CPU reported is the whole stack's but Azurite's). --raised lifts the per-meeting join line (only in-process).
// Every join carries its own X-Forwarded-For (the app believes loopback as a proxy), so the per-address limits see
// 2,000 phones, not one generator.
var positional = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
var joins = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 2_000;
var seconds = positional.Length > 1 ? double.Parse(positional[1], CultureInfo.InvariantCulture) : 10;
var url = positional.Length > 2 ? new Uri(positional[2]) : null;
var raised = args.Contains("--raised");

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COMMUNITY_WEB", Path.Combine(RepositoryRoot.Path, "src", "Community.Web"));
await using var stack = url is null ? await LocalStack.StartAsync(raised) : null;
var baseAddress = url ?? stack!.App.BaseAddress;

using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 4_096, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = baseAddress,
    Timeout = TimeSpan.FromSeconds(100),
};
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
using var created = await http.PostAsJsonAsync("/api/meetings", new { title = "Join storm", city = "Sofia", country = "BG", timeZone = "Europe/Sofia" }, json);
created.EnsureSuccessStatusCode();
var meeting = (await created.Content.ReadFromJsonAsync<JsonElement>(json));
var meetingId = meeting.GetProperty("meetingId").GetString()!;
var code = meeting.GetProperty("joinCode").GetString()!;
var organiserToken = meeting.GetProperty("organiserToken").GetString()!;

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var storm = new List<Task<Outcome>>(joins);
for (var index = 0; index < joins; index++)
{
    var due = TimeSpan.FromSeconds(seconds * index / joins) - clock.Elapsed;
    if (due > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(due);
    }

    storm.Add(JoinAsync(index));
}

var outcomes = await Task.WhenAll(storm);
var elapsed = clock.Elapsed;
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

using var people = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}/participants");
people.Headers.Authorization = new AuthenticationHeaderValue("Bearer", organiserToken);
using var listed = await http.SendAsync(people);
var listedIds = (await listed.Content.ReadFromJsonAsync<JsonElement>(json)).GetProperty("people").EnumerateArray()
    .Select(person => person.GetProperty("participantId").GetString()).ToHashSet();
var joinedIds = outcomes.Where(outcome => outcome.ParticipantId is not null).Select(outcome => outcome.ParticipantId).ToList();

var latencies = outcomes.Select(outcome => outcome.Latency.TotalMilliseconds).Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{joins} joins over {seconds:0.#} s ({(url is null ? raised ? "in-process, join line raised" : "in-process, default limits" : url)}), {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms: p50 {Percentile(latencies, 0.50):F0}, p95 {Percentile(latencies, 0.95):F0}, p99 {Percentile(latencies, 0.99):F0}, max {latencies[^1]:F0}"));
Console.WriteLine("status: " + string.Join(", ", outcomes.GroupBy(outcome => outcome.Status).OrderBy(group => group.Key).Select(group => $"{group.Key} x{group.Count()}")));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"joins/s: {joinedIds.Count / elapsed.TotalSeconds:F0} (all done after {elapsed.TotalSeconds:F1} s); this process's CPU {cpu.TotalSeconds:F1} s = {100 * cpu.TotalSeconds / elapsed.TotalSeconds / Environment.ProcessorCount:F0} % of the machine"));
Console.WriteLine($"participants: {joinedIds.Distinct().Count()} distinct of {joinedIds.Count} joined, {joinedIds.Count(listedIds.Contains)} listed for the organiser");

async Task<Outcome> JoinAsync(int index)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/join")
    {
        Content = JsonContent.Create(new { code, displayName = $"Guest {index}" }, options: json),
    };
    request.Headers.Add("X-Forwarded-For", $"10.{index / 65_536 % 256}.{index / 256 % 256}.{index % 256}");
    var started = Stopwatch.GetTimestamp();
    try
    {
        using var response = await http.SendAsync(request);
        var participantId = response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>(json)).GetProperty("participantId").GetString()
            : null;
        return new Outcome(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started), participantId);
    }
    catch (HttpRequestException exception)
    {
        return new Outcome(exception.HttpRequestError.ToString(), Stopwatch.GetElapsedTime(started), null);
    }
    catch (TaskCanceledException)
    {
        return new Outcome("timeout", Stopwatch.GetElapsedTime(started), null);
    }
}

static double Percentile(List<double> sorted, double rank) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(rank * sorted.Count) - 1)];

internal sealed record Outcome(string Status, TimeSpan Latency, string? ParticipantId);

/// <summary>Its own Azurite, an Orleans test cluster and the web app on real Kestrel, as the tests start them.</summary>
internal sealed class LocalStack(AzuriteServer azurite, CommunityCluster cluster, CommunityWebApp app) : IAsyncDisposable
{
    public CommunityWebApp App => app;

    public static async Task<LocalStack> StartAsync(bool raised)
    {
        var azurite = await AzuriteServer.StartAsync();
        var cluster = await CommunityCluster.StartAsync(azurite);
        var settings = raised
            ? new Dictionary<string, string?> { ["Community:RateLimits:JoinsPerPeriod"] = "100000", ["Community:RateLimits:JoinBurst"] = "100000" }
            : null;
        return new LocalStack(azurite, cluster, CommunityWebApp.Start(cluster, kestrel: true, settings: settings));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await cluster.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
