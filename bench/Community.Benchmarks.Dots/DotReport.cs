using System.Globalization;
using System.Text;

namespace Community.Benchmarks.Dots;

public static class DotReport
{
    public static string Markdown(IReadOnlyDictionary<int, List<DotRun>> results, int runs, int processors)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Dots on one board: throughput and blob writes per dot");
        text.AppendLine();
        text.AppendLine("Measured by `bench/Community.Benchmarks.Dots` (run it with");
        text.AppendLine("`dotnet run -c Release --project bench/Community.Benchmarks.Dots`): a real Azurite (blob grain storage)");
        text.AppendLine("and an in-process Orleans cluster of one silo, in one process. Each voter is a closed loop setting a dot");
        text.AppendLine("and taking it back on one board (every call a real change, acknowledged only once stored). Concurrency is");
        text.AppendLine("the number of voters tapping at once. Blob writes are counted from Orleans' own storage-write metric.");
        text.AppendLine(invariant, $"Median of {runs} runs per setting, the settings alternating within each round; {processors} cores, shared.");
        text.AppendLine(invariant, $"Written {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine("| concurrency | dots per run | dots/s (median) | blob writes per dot (median) | ms per dot as a voter sees it (median) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var (concurrency, list) in results.OrderBy(pair => pair.Key))
        {
            var perSecond = Median(list.Select(run => run.DotsPerSecond));
            var writesPerDot = Median(list.Select(run => run.WritesPerDot));
            var latency = Median(list.Select(run => run.Elapsed.TotalMilliseconds * concurrency / run.Dots));
            text.AppendLine(invariant, $"| {concurrency} | {list[0].Dots} | {perSecond:F0} | {writesPerDot:F3} | {latency:F1} |");
        }

        var one = Median(results[results.Keys.Min()].Select(run => run.DotsPerSecond));
        var many = Median(results[results.Keys.Max()].Select(run => run.DotsPerSecond));
        text.AppendLine();
        text.AppendLine(invariant, $"Throughput ratio, concurrency {results.Keys.Max()} to {results.Keys.Min()}: {many / one:F1}x.");
        text.AppendLine();
        text.AppendLine("Every run:");
        text.AppendLine();
        foreach (var run in results.Values.SelectMany(list => list))
        {
            text.AppendLine(invariant, $"- concurrency {run.Concurrency}: {run.Dots} dots in {run.Elapsed.TotalSeconds:F2} s, {run.Writes} blob writes");
        }

        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
