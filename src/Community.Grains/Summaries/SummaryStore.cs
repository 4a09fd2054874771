using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Community.Grains.Summaries;

/// <summary>
/// Published summaries in the summaries container: "{meetingId}/v{n}.md" and ".html" for every version, and
/// "{meetingId}/latest.md" and ".html" as a copy of the newest, so the container alone can be served statically.
/// The container is created at silo start.
/// </summary>
internal sealed class SummaryStore(BlobServiceClient blobs) : ILifecycleParticipant<ISiloLifecycle>
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(CommunityContainers.Summaries);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SummaryStore), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    /// <summary>Stores one version; overwriting is fine because a version is only referenced once its write succeeded.</summary>
    public async Task SaveVersionAsync(string meetingId, int version, string markdown, string html)
    {
        await Task.WhenAll(
            Upload($"{meetingId}/v{version}.md", markdown, MarkdownContentType),
            Upload($"{meetingId}/v{version}.html", html, HtmlContentType));
    }

    public async Task SaveLatestAsync(string meetingId, string markdown, string html)
    {
        await Task.WhenAll(
            Upload($"{meetingId}/latest.md", markdown, MarkdownContentType),
            Upload($"{meetingId}/latest.html", html, HtmlContentType));
    }

    /// <summary>Null if the version's blobs are missing.</summary>
    public async Task<(string Markdown, string Html)?> ReadVersionAsync(string meetingId, int version)
    {
        try
        {
            var markdown = _container.GetBlobClient($"{meetingId}/v{version}.md").DownloadContentAsync();
            var html = _container.GetBlobClient($"{meetingId}/v{version}.html").DownloadContentAsync();
            return ((await markdown).Value.Content.ToString(), (await html).Value.Content.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private Task Upload(string name, string content, string contentType) =>
        _container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } });
}
