using Community.Grains;
using Community.Grains.Abstractions;
using Community.Grains.Storage;

namespace Community.Silo;

/// <summary>
/// <c>dotnet Community.Silo.dll restore-state {blob}</c>: puts a damaged grain state blob's kept copy back, the
/// blob named by the <c>/problems/state-corrupt</c> answer. Uses the same <c>ConnectionStrings__Blobs</c> as the silo.
/// </summary>
public static class StateRestore
{
    public static async Task<int> RunAsync(IConfiguration configuration, string blobName)
    {
        var container = BlobConnection.CreateServiceClient(CommunityGrainsHosting.BlobsConnectionString(configuration))
            .GetBlobContainerClient(StorageNames.GrainStateContainer);
        if (await GrainStateBackups.RestoreAsync(container, blobName) is not { } keptAt)
        {
            Console.Error.WriteLine($"No kept copy of '{blobName}' ({GrainStateBackups.BackupName(blobName)} does not exist).");
            return 1;
        }

        Console.WriteLine($"Restored '{blobName}' from its copy kept at {keptAt:u}; the grain reads it on its next call.");
        return 0;
    }
}
