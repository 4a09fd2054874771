using System.Globalization;
using Community.Benchmarks.Dots;
using Community.Testing;

// Usage: dotnet run -c Release --project bench/Community.Benchmarks.Dots [-- runs [output.md]]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var output = args.Length > 1 ? args[1] : Path.Combine(RepositoryRoot.Path, "docs", "benchmarks", "dots.md");
int[] concurrencies = [1, 50];
// The test cluster writes its logs under the working directory: keep them beside the binaries, out of the repository.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

await using var azurite = await AzuriteServer.StartAsync();
await using var cluster = await CommunityCluster.StartAsync(azurite);
using var writes = new StorageWriteCounter();
var bench = new DotBench(cluster.Grains, writes);

Console.WriteLine("Warming up...");
await bench.RunAsync(concurrency: 10, dotsPerVoter: 20);

var results = concurrencies.ToDictionary(concurrency => concurrency, _ => new List<DotRun>());
for (var run = 1; run <= runs; run++)
{
    // Alternate the settings within each round, so machine noise falls on both sides alike.
    foreach (var concurrency in concurrencies)
    {
        var result = await bench.RunAsync(concurrency, dotsPerVoter: concurrency == 1 ? 300 : 40);
        results[concurrency].Add(result);
        Console.WriteLine($"run {run}, concurrency {concurrency}: {result.Dots} dots in {result.Elapsed.TotalSeconds:F2} s = {result.DotsPerSecond:F0} dots/s, {result.WritesPerDot:F3} writes/dot");
    }
}

var report = DotReport.Markdown(results, runs, Environment.ProcessorCount);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report);
Console.WriteLine(report);
Console.WriteLine($"Written to {output}");
