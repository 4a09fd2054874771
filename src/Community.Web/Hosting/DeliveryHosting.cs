using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticAssets;

namespace Community.Web.Hosting;

/// <summary>
/// Fast on bad conference Wi-Fi: static assets go out fingerprinted, precompressed and cached for a year
/// (<c>MapStaticAssets</c>, see <see cref="Pages.PagesHosting"/>); pages and API answers are compressed on the fly
/// with Brotli or gzip.
/// <para>
/// BREACH: compression lets an attacker who can inject text into a response, and watch its size, guess a secret that
/// sits in the same response byte by byte, over many requests. So only answers to GET and HEAD are compressed. They
/// carry no secret that stays the same across responses: the cookie is HttpOnly and never in a body, Razor's
/// antiforgery tokens are encrypted afresh (random IV) for every response, and join codes are public by design.
/// Answers to writes are where secrets are minted (organiser and participant tokens, invite links) next to what the
/// caller typed; they are small and stay uncompressed. That also covers HTTPS (<c>EnableForHttps</c>).
/// </para>
/// </summary>
public static class DeliveryHosting
{
    /// <summary>ASP.NET Core's switch for patching static assets at runtime when their files changed after the build.</summary>
    private const string RuntimeReloadSetting = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddCommunityDelivery(this WebApplicationBuilder builder)
    {
        // The build's static web assets (wwwroot plus the libraries linked from node_modules) in every environment,
        // not only Development: ./run.sh runs the built app as Production. A published app has no such manifest and
        // serves its wwwroot as published.
        builder.WebHost.UseStaticWebAssets();
        // A built (not published) app has a build manifest, and MapStaticAssets then wraps every asset in the SDK's
        // development handler: it sends no-cache, and whenever a file looks changed since the build (size or
        // timestamp) it swaps the build's .gz/.br for the original file wrapped in gzip at CompressionLevel.NoCompression,
        // so a "compressed" answer was as large as the file. Outside Development nothing is hot-reloaded: turning the
        // handler off serves the build's precompressed files with the manifest's own headers (immutable for a year on
        // fingerprinted URLs, revalidation with ETags for the plain ones).
        if (!builder.Environment.IsDevelopment())
        {
            builder.Configuration[RuntimeReloadSetting] ??= "false";
        }

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        // Dynamic responses are small and made per request: the fastest level gets most of the gain for little CPU.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<IResponseCompressionProvider, SafeMethodsCompressionProvider>();
        return builder;
    }

    public static WebApplication UseCommunityDelivery(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }

    /// <summary>
    /// Compresses answers to GET and HEAD only (see <see cref="DeliveryHosting"/> on BREACH), and never a static asset:
    /// those are compressed at build, and compressing their answer again would make it undecodable.
    /// </summary>
    private sealed class SafeMethodsCompressionProvider(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null
            && base.ShouldCompressResponse(context);
    }
}
