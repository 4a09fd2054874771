using System.Xml.Linq;
using Community.Testing;

namespace Community.Browser.Tests;

public sealed class ResourceTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "src", "Community.Web", "Resources", "Pages");

    [Fact]
    public void Every_language_has_every_text_the_English_file_has_and_no_empty_one()
    {
        var english = Texts("PageText.resx");
        foreach (var file in Directory.GetFiles(Folder, "PageText.*.resx"))
        {
            var translated = Texts(Path.GetFileName(file));
            Assert.Empty(english.Keys.Except(translated.Keys));
            Assert.Empty(translated.Keys.Except(english.Keys));
            Assert.DoesNotContain(translated, text => string.IsNullOrWhiteSpace(text.Value));
        }
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? "");
}
