using Community.Testing;

namespace Community.Browser.Tests;

/// <summary>Pictures of a page at phone and desktop width: on failure for whoever reads the test log, and for the docs.</summary>
public static class Screenshots
{
    public static readonly string FailureFolder = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public static async Task TakeAsync(IPage page, string folder, string name, int width, int height = 900)
    {
        Directory.CreateDirectory(folder);
        await page.SetViewportSizeAsync(width, height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    /// <summary>Runs a test step; if it fails, every page given is photographed at 360 px and 1280 px before the failure goes on.</summary>
    public static async Task OnFailureAsync(string testName, Func<Task> test, params IPage[] pages)
    {
        try
        {
            await test();
        }
        catch
        {
            for (var index = 0; index < pages.Length; index++)
            {
                var page = pages[index];
                try
                {
                    await TakeAsync(page, FailureFolder, $"{testName}-{index}-phone", 360);
                    await TakeAsync(page, FailureFolder, $"{testName}-{index}-desktop", 1280);
                }
                catch (PlaywrightException)
                {
                    // A closed page cannot be photographed; the failure itself matters more.
                }
            }

            throw;
        }
    }
}
