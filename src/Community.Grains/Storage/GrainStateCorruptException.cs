namespace Community.Grains.Storage;

/// <summary>A stored state blob that cannot be read back. Never silently replaced by empty state.</summary>
public sealed class GrainStateCorruptException : Exception
{
    public GrainStateCorruptException(string blobName, string message, Exception? inner = null)
        : base($"Grain state blob '{blobName}' is corrupt: {message}", inner)
    {
        BlobName = blobName;
    }

    public string BlobName { get; }
}
