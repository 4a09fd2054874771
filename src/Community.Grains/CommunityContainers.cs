namespace Community.Grains;

/// <summary>Blob container names. They are part of the stored contract: never rename them.</summary>
public static class CommunityContainers
{
    public const string GrainState = Storage.BlobGrainStorageOptions.DefaultContainerName;
    public const string Media = Abstractions.StorageNames.MediaContainer;
    public const string Summaries = Abstractions.StorageNames.SummariesContainer;
}
