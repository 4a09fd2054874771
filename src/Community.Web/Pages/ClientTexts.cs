using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>The page texts as a JSON object for the scripts, in the request's language.</summary>
public static class ClientTexts
{
    // The default encoder escapes <, > and &, so the JSON can sit inside a <script> element safely.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static string Json(IStringLocalizer<PageText> texts) =>
        JsonSerializer.Serialize(texts.GetAllStrings(includeParentCultures: true).ToDictionary(text => text.Name, text => text.Value), Options);
}
