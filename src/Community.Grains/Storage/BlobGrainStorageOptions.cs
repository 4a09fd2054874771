namespace Community.Grains.Storage;

/// <summary>Where grain state blobs live. Bound per provider name, so each provider can point elsewhere.</summary>
public sealed class BlobGrainStorageOptions
{
    /// <summary>The container holding one JSON blob per grain. It becomes part of the stored contract: never rename it.</summary>
    public const string DefaultContainerName = Abstractions.StorageNames.GrainStateContainer;

    public string ConnectionString { get; set; } = BlobConnection.DevelopmentConnectionString;

    public string ContainerName { get; set; } = DefaultContainerName;
}
