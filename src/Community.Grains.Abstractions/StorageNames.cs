namespace Community.Grains.Abstractions;

/// <summary>
/// Where Community keeps its blobs, shared by silos and web nodes. Container names are part of the stored
/// contract: never rename them.
/// </summary>
public static class StorageNames
{
    /// <summary>Azurite's well-known development account on 127.0.0.1:10000 (a public, documented key).</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    public const string GrainStateContainer = "grainstate";
    public const string MediaContainer = "media";
    public const string SummariesContainer = "summaries";
    public const string DataProtectionContainer = "dataprotection";
}
