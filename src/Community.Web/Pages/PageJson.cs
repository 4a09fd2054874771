using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Community.Web.Pages;

/// <summary>
/// Data for a page's scripts in a <c>&lt;script type="application/json"&gt;</c> block: the API's JSON shape, with
/// &lt;, &gt; and &amp; escaped so no text in it can close the element.
/// </summary>
public sealed class PageJson(IOptions<HttpJsonOptions> api)
{
    private readonly JsonSerializerOptions _options = new(api.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default };

    public string Serialize<T>(T value) => JsonSerializer.Serialize(value, _options);
}
