using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Community.Web.Pages;

/// <summary>
/// The ES modules a page's entry module imports, directly or through others, read from the files in wwwroot.
/// Without them the browser learns of each level of imports only after the level above has arrived: a round
/// trip per level, about half a second on conference Wi-Fi for the board.
/// </summary>
public sealed partial class ModuleGraph(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _imports = new(StringComparer.Ordinal);

    /// <summary>Every module <paramref name="entry"/> (a path under wwwroot, like <c>/js/board.js</c>) needs, nearest first.</summary>
    public IReadOnlyList<string> ImportsOf(string entry) => _imports.GetOrAdd(entry, Walk);

    private List<string> Walk(string entry)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { entry };
        var queue = new Queue<string>([entry]);
        while (queue.TryDequeue(out var module))
        {
            foreach (var imported in DirectImports(module).Where(seen.Add))
            {
                found.Add(imported);
                queue.Enqueue(imported);
            }
        }

        return found;
    }

    private IEnumerable<string> DirectImports(string module)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(module);
        if (!file.Exists)
        {
            return [];
        }

        using var reader = new StreamReader(file.CreateReadStream());
        var source = reader.ReadToEnd();
        var from = new Uri(new Uri("https://modules.invalid"), module);
        return [.. StaticImport().Matches(source).Select(match => new Uri(from, match.Groups["path"].Value).AbsolutePath)];
    }

    /// <summary>
    /// Relative static imports (<c>import … from './x.js'</c>) at the start of a line. A dynamic <c>import()</c> is
    /// left out on purpose: it loads what only some people need (the facilitator's tools), so nobody else fetches it.
    /// </summary>
    [GeneratedRegex("""^import\s[^'"]*['"](?<path>\.{1,2}/[^'"]+\.js)['"]""", RegexOptions.Multiline)]
    private static partial Regex StaticImport();
}

/// <summary>
/// Puts a <c>modulepreload</c> link before every <c>&lt;script type="module" src="~/…"&gt;</c> for each module it
/// imports, so the browser fetches them all at once. The links use the same plain URLs the imports ask for.
/// </summary>
[HtmlTargetElement("script", Attributes = "[type=module],src")]
public sealed class ModulePreloadTagHelper(ModuleGraph modules) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (context.AllAttributes["src"].Value?.ToString() is not { } source || !source.StartsWith("~/", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var module in modules.ImportsOf(source[1..]))
        {
            output.PreElement.AppendHtml("<link rel=\"modulepreload\" href=\"");
            output.PreElement.Append(module);
            output.PreElement.AppendHtml("\">\n    ");
        }
    }
}
