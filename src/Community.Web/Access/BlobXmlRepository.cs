using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Community.Web.Access;

/// <summary>
/// Keeps Data Protection's key ring in a blob container, one blob per key, so every web node protects and reads
/// tokens and cookies with the same keys and they survive restarts. Keys are only ever added: Data Protection
/// revokes by writing new elements, never by changing old ones.
/// </summary>
internal sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    public const string ContainerName = "dataprotection";

    private volatile bool _containerExists;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var blobs = Container();
        return blobs.GetBlobs()
            .Select(item => XElement.Parse(blobs.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString()))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // A fresh name per element: two nodes creating their first key at once both keep theirs.
        var name = $"{Guid.NewGuid():N}-{friendlyName}.xml";
        Container().GetBlobClient(name).Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
    }

    /// <summary>Created on first use, and tried again on the next use if storage was down (never a cached failure).</summary>
    private BlobContainerClient Container()
    {
        if (!_containerExists)
        {
            container.CreateIfNotExists();
            _containerExists = true;
        }

        return container;
    }
}
