using Community.Testing;
using Community.Testing.Scenarios;

namespace Community.Grains.Tests.Summaries;

/// <summary>
/// The draft and the published HTML of the seeded Sofia meeting are kept in docs/examples as the documented
/// example; these tests fail when the output drifts from it. Run with COMMUNITY_WRITE_EXAMPLES=1 to rewrite them.
/// </summary>
public sealed class SofiaExampleTests(SummaryClusterFixture fixture) : IClassFixture<SummaryClusterFixture>
{
    private static readonly string Examples = Path.Combine(RepositoryRoot.Path, "docs", "examples");

    [Fact]
    public async Task Sofia_draft_and_published_summary_match_the_documented_examples()
    {
        var summary = fixture.Grains.GetGrain<Abstractions.ISummaryGrain>(fixture.Sofia.MeetingId);
        var draft = await summary.GenerateDraft(fixture.Sofia.Organiser);
        await summary.Publish(fixture.Sofia.Organiser);
        var published = await summary.GetPublished(null);

        AssertMatchesExample("sofia-summary-draft.md", draft.Markdown);
        AssertMatchesExample("sofia-summary-published.html", published!.Html);
    }

    private static void AssertMatchesExample(string name, string actual)
    {
        var path = Path.Combine(Examples, name);
        if (Environment.GetEnvironmentVariable("COMMUNITY_WRITE_EXAMPLES") == "1")
        {
            Directory.CreateDirectory(Examples);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run with COMMUNITY_WRITE_EXAMPLES=1 to write it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
