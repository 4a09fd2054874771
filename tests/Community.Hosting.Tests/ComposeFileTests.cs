using System.Text.RegularExpressions;
using Community.Testing;
using YamlDotNet.RepresentationModel;

namespace Community.Hosting.Tests;

/// <summary>
/// Nothing here can run Docker, so docker-compose.yml is kept honest by reading it: what it builds exists, and
/// every setting it gives our apps is one they read.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> BuiltServices() =>
        Services.Children
            .Select(entry => (Name: ((YamlScalarNode)entry.Key).Value!, Service: (YamlMappingNode)entry.Value))
            .Where(entry => entry.Service.Children.ContainsKey("build"));

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [Fact]
    public void It_describes_storage_redis_two_silos_two_web_nodes_and_the_proxy_in_front()
    {
        var builtFrom = BuiltServices().Select(entry => Scalar((YamlMappingNode)entry.Service["build"], "dockerfile")).ToList();

        Assert.Equal(2, builtFrom.Count(dockerfile => dockerfile == "src/Community.Silo/Dockerfile"));
        Assert.Equal(2, builtFrom.Count(dockerfile => dockerfile == "src/Community.Web/Dockerfile"));
        Assert.Equal(1, builtFrom.Count(dockerfile => dockerfile == "src/Community.Proxy/Dockerfile"));
        Assert.Contains(Services.Children.Values.OfType<YamlMappingNode>(), service => service.Children.ContainsKey("image") && Scalar(service, "image").Contains("azurite"));
        Assert.Contains(Services.Children.Values.OfType<YamlMappingNode>(), service => service.Children.ContainsKey("image") && Scalar(service, "image").StartsWith("redis"));
    }

    [Fact]
    public void Every_build_context_and_dockerfile_exists_and_builds_a_project_of_the_solution()
    {
        foreach (var (name, service) in BuiltServices())
        {
            var build = (YamlMappingNode)service["build"];
            var context = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, Scalar(build, "context")));
            var dockerfile = Path.Combine(context, Scalar(build, "dockerfile"));

            Assert.True(Directory.Exists(context), $"{name}: no build context {context}");
            Assert.True(File.Exists(dockerfile), $"{name}: no Dockerfile {dockerfile}");
            foreach (Match project in PublishedProject().Matches(File.ReadAllText(dockerfile)))
            {
                var folder = Path.Combine(context, project.Groups["folder"].Value);
                Assert.True(Directory.EnumerateFiles(folder, "*.csproj").Any(), $"{name}: {dockerfile} publishes {folder}, which holds no project");
            }
        }
    }

    [Fact]
    public void Every_setting_given_to_our_apps_is_one_they_read()
    {
        var sources = string.Join('\n', Directory
            .EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText));
        var settings = BuiltServices()
            .Where(entry => entry.Service.Children.ContainsKey("environment"))
            .SelectMany(entry => ((YamlMappingNode)entry.Service["environment"]).Children.Keys.Select(key => (entry.Name, Key: ((YamlScalarNode)key).Value!)))
            .ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.True(IsRead(setting.Key, sources), $"{setting.Name} sets {setting.Key}, which no app reads"));
    }

    // ConnectionStrings__X is read as GetConnectionString("X"); our own settings are read by their literal name.
    private static bool IsRead(string key, string sources) =>
        key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            ? sources.Contains($"GetConnectionString(\"{key["ConnectionStrings__".Length..]}\")", StringComparison.Ordinal)
            : key.StartsWith("COMMUNITY_", StringComparison.Ordinal) && sources.Contains($"\"{key}\"", StringComparison.Ordinal);

    [GeneratedRegex(@"dotnet publish (?<folder>\S+)")]
    private static partial Regex PublishedProject();
}
