using System.Text.RegularExpressions;

namespace Community.Web.Tests;

/// <summary>Posting a page's form as a browser would: with the antiforgery token the page rendered.</summary>
public static partial class PageForms
{
    /// <param name="beforePosting">What happens while the person has the form open.</param>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields, Func<Task>? beforePosting = null)
    {
        using var page = await client.GetAsync(pageUrl);
        page.EnsureSuccessStatusCode();
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        if (beforePosting is not null)
        {
            await beforePosting();
        }

        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
