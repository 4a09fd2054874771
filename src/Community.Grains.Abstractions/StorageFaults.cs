namespace Community.Grains.Abstractions;

/// <summary>
/// Blob storage could not be reached or failed while a grain read or wrote its state: nothing was stored, and the
/// same call may succeed once storage is back. Thrown by the silo's grain storage; the web answers 503.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string blobName, string reason)
        : base($"Blob storage failed for '{blobName}': {reason}")
    {
        BlobName = blobName;
    }

    [Id(0)]
    public string BlobName { get; }
}

/// <summary>
/// A grain's stored state cannot be read back (not JSON, or JSON null). Never reset to empty state: an operator
/// restores the blob. Carries the blob's name across to the web node, which answers 503 naming it.
/// </summary>
[GenerateSerializer]
public sealed class GrainStateCorruptException : Exception
{
    public GrainStateCorruptException(string blobName, string reason)
        : base($"Grain state blob '{blobName}' is corrupt: {reason}")
    {
        BlobName = blobName;
    }

    [Id(0)]
    public string BlobName { get; }
}
