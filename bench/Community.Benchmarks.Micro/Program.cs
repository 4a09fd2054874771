using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage: dotnet run -c Release --project bench/Community.Benchmarks.Micro [-- --filter *Dot*]
// In-process (the cluster and Azurite start once per benchmark class) with a short job, so it takes a few minutes.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")) // out of the repository
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(2)
        .WithIterationCount(8)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(500)));
BenchmarkSwitcher.FromAssembly(typeof(Community.Benchmarks.Micro.BoardDotPath).Assembly).Run(args, config);
