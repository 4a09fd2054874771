using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Scenarios;

// The directory at scale (docs/benchmarks/directory.md): seeds N activities over C countries through the partition
// grains (in bulk) into a real Orleans silo on a real Azurite, then asks the web app over real HTTP for directory
// pages with a mix of filters and for map clusters at zoom 3, 6 and 10, one request after another and then from
// several clients at once. Reports p50/p95/max and response sizes, the seeding time, the partitions' blob sizes and
// the first query after a silo restart (every partition reloads its blob).
// Usage: dotnet run -c Release --project bench/Community.Benchmarks.Directory [-- entries countries requests clients]
//   (default 50000 40 200 8)
var numbers = args.Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray();
var entryCount = numbers.Length > 0 ? numbers[0] : 50_000;
var countryCount = numbers.Length > 1 ? numbers[1] : 40;
var requests = numbers.Length > 2 ? numbers[2] : 200;
var clients = numbers.Length > 3 ? numbers[3] : 8;

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COMMUNITY_WEB", Path.Combine(RepositoryRoot.Path, "src", "Community.Web"));
var azurite = await AzuriteServer.StartAsync();
// The shipped catalog cache (5 s), not the tests' zero.
var cluster = await CommunityCluster.StartAsync(azurite, settings: new Dictionary<string, string?> { ["Community:Directory:CatalogCacheTime"] = "00:00:05" });
var app = CommunityWebApp.Start(cluster, kestrel: true);
try
{
    var entries = DirectorySamples.Create(entryCount, countryCount, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    var seeding = Stopwatch.StartNew();
    await DirectorySamples.SeedAsync(cluster.Grains, entries);
    seeding.Stop();
    var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.GrainStateContainer);
    var sizes = new List<long>();
    await foreach (var blob in blobs.GetBlobsAsync())
    {
        if (blob.Name.Contains("directory", StringComparison.OrdinalIgnoreCase) && !blob.Name.Contains("catalog", StringComparison.OrdinalIgnoreCase))
        {
            sizes.Add(blob.Properties.ContentLength ?? 0);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{entryCount} activities over {countryCount} countries seeded in {seeding.Elapsed.TotalSeconds:F1} s; {sizes.Count} partition blobs, " +
        $"{sizes.Sum() / 1024.0 / 1024:F1} MB in all, largest {sizes.DefaultIfEmpty().Max() / 1024.0:F0} kB; {Environment.ProcessorCount} cores"));

    // The same searches straight to the grains, without HTTP: where the time goes.
    var directory = cluster.Grains.GetGrain<IDirectoryGrain>(0);
    var germany = cluster.Grains.GetGrain<IDirectoryPartitionGrain>("DE");
    foreach (var (name, ask) in new (string, Func<Task>)[]
    {
        ("partition DE, no filter, first 20", () => germany.Page(new DirectoryQuery(), 20)),
        ("partition DE, text 'robots', first 20", () => germany.Page(new DirectoryQuery { Text = "robots" }, 20)),
        ("directory, no filter, page 1", () => directory.Search(new DirectoryQuery(), 0, 20)),
        ("directory, text 'robots', page 1", () => directory.Search(new DirectoryQuery { Text = "robots" }, 0, 20)),
        ("directory, a month, page 1", () => directory.Search(new DirectoryQuery { From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) }, 0, 20)),
    })
    {
        var timings = new List<double>();
        for (var index = -5; index < requests; index++)
        {
            var started = Stopwatch.GetTimestamp();
            await ask();
            if (index >= 0)
            {
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grain call: {name}: p50 {Percentile(timings, 0.5):F2} ms, p95 {Percentile(timings, 0.95):F2} ms"));
    }

    using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
    var cases = new (string Name, string Path)[]
    {
        ("no filter, page 1", "/api/directory"),
        ("no filter, page 50", "/api/directory?page=50"),
        ("country", "/api/directory?country=DE"),
        ("text", "/api/directory?q=robots"),
        ("text, two words", "/api/directory?q=coding%20sofia"),
        ("date range (a month)", "/api/directory?from=2026-03-01&to=2026-03-31"),
        ("campaign", "/api/directory?campaign=stem-careers"),
        ("combined", "/api/directory?q=coding&from=2026-02-01&to=2026-09-30&format=workshop&attendance=inPerson&age=12"),
        ("map zoom 3, Europe", Map(50, 15, 3)),
        ("map zoom 6, central Europe", Map(48.2, 16.4, 6)),
        ("map zoom 10, Sofia", Map(42.7, 23.3, 10)),
        ("map zoom 6, campaign", Map(48.2, 16.4, 6) + "&campaign=stem-careers"),
        ("export.csv, one campaign", "/api/directory/export.csv?campaign=stem-careers"),
    };

    Console.WriteLine();
    Console.WriteLine($"One request at a time, {requests} each (after 5 to warm up):");
    Console.WriteLine();
    Console.WriteLine("| request | p50 ms | p95 ms | max ms | response bytes |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var (name, path) in cases)
    {
        var count = path.Contains("export", StringComparison.Ordinal) ? Math.Max(10, requests / 10) : requests;
        var timings = new List<double>();
        long bytes = 0;
        for (var index = -5; index < count; index++)
        {
            var (elapsed, size) = await GetAsync(http, path);
            if (index >= 0)
            {
                timings.Add(elapsed);
                bytes = size;
            }
        }

        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(timings, 0.5):F1} | {Percentile(timings, 0.95):F1} | {timings[^1]:F1} | {bytes:N0} |"));
    }

    // Everyone at once: the mix of pages and maps (no exports) from several clients.
    var mix = cases.Where(item => !item.Path.Contains("export", StringComparison.Ordinal)).Select(item => item.Path).ToArray();
    var all = new List<double>();
    var wall = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, clients).Select(async worker =>
    {
        var mine = new List<double>();
        for (var index = 0; index < requests; index++)
        {
            mine.Add((await GetAsync(http, mix[(index + worker) % mix.Length])).Milliseconds);
        }

        return mine;
    });
    foreach (var timings in await Task.WhenAll(workers))
    {
        all.AddRange(timings);
    }

    wall.Stop();
    all.Sort();
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{clients} clients at once, the mix without exports, {all.Count} requests: p50 {Percentile(all, 0.5):F1} ms, p95 {Percentile(all, 0.95):F1} ms, " +
        $"max {all[^1]:F1} ms, {all.Count / wall.Elapsed.TotalSeconds:F0} requests/s"));

    var full = Stopwatch.StartNew();
    var (_, exportBytes) = await GetAsync(http, "/api/directory/export.json");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"export.json of everything: {full.Elapsed.TotalMilliseconds:F0} ms, {exportBytes / 1024.0 / 1024:F1} MB"));

    await cluster.RestartAsync();
    var restarted = Stopwatch.StartNew();
    await GetAsync(http, "/api/directory?q=robots");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"first search after a silo restart (every partition loads its blob): {restarted.Elapsed.TotalMilliseconds:F0} ms"));
}
finally
{
    await app.DisposeAsync();
    await cluster.DisposeAsync();
    await azurite.DisposeAsync();
}

static async Task<(double Milliseconds, long Bytes)> GetAsync(HttpClient http, string path)
{
    var started = Stopwatch.GetTimestamp();
    using var response = await http.GetAsync(path);
    var body = await response.Content.ReadAsByteArrayAsync();
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
    }

    return (elapsed, body.Length);
}

// The box a 1280 × 800 px window shows around a centre at a zoom, as Leaflet would ask for it.
static string Map(double latitude, double longitude, int zoom)
{
    var world = 256.0 * (1 << zoom);
    var (x, y) = ((longitude + 180) / 360 * world, (1 - Math.Log(Math.Tan(latitude * Math.PI / 180) + 1 / Math.Cos(latitude * Math.PI / 180)) / Math.PI) / 2 * world);
    static double Latitude(double pixelY, double world) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * pixelY / world))) * 180 / Math.PI;
    var west = Math.Max(-180, (x - 640) / world * 360 - 180);
    var east = Math.Min(180, (x + 640) / world * 360 - 180);
    return string.Create(CultureInfo.InvariantCulture,
        $"/api/directory/map?bbox={Latitude(Math.Min(world, y + 400), world):F5},{west:F5},{Latitude(Math.Max(0, y - 400), world):F5},{east:F5}&zoom={zoom}");
}

static double Percentile(List<double> sorted, double rank) => sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(rank * sorted.Count) - 1))];
