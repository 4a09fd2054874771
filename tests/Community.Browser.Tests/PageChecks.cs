using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>What every page must pass: axe without serious or critical violations, no sideways scrolling on a phone, no console errors.</summary>
public static class PageChecks
{
    private static readonly string AxeScript = Path.Combine(RepositoryRoot.Path, "node_modules", "axe-core", "axe.min.js");

    /// <summary>The serious and critical axe violations on the page as it is now, one line each.</summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        // Evaluated, not added as a <script> tag: the pages' CSP refuses inline scripts, and evaluation is not one.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        var found = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
                .map(violation => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)
            """);
        return [.. found.Select(problem => $"{new Uri(page.Url).AbsolutePath}: {problem}")];
    }

    /// <summary>How far the page is wider than its window (0 when nothing sticks out), at the window's current width.</summary>
    public static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    /// <summary>
    /// Collects the page's console errors, uncaught exceptions and responses of 400 and above from now on (a missing
    /// favicon is not the page's: browsers ask for one whether the page names it or not).
    /// </summary>
    public static List<string> CollectErrors(IPage page) => CollectErrors(page, null);

    /// <summary>As <see cref="CollectErrors(IPage)"/>, but loads from <paramref name="unreachable"/> (an address made unreachable on purpose) are not errors.</summary>
    public static List<string> CollectErrors(IPage page, string? unreachable)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)
                && (unreachable is null || !message.Location.StartsWith(unreachable, StringComparison.Ordinal)))
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{page.Url}: {response.Status} for {response.Url}");
            }
        };
        return errors;
    }
}
