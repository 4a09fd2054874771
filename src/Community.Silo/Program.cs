using Community.Grains;
using Community.Grains.Storage;
using Community.Silo;

var builder = Host.CreateApplicationBuilder(args);
if (args is ["restore-state", var blobName])
{
    return await StateRestore.RunAsync(builder.Configuration, blobName);
}

builder.Logging.AddCommunityConsole();
builder.UseOrleans(silo => silo.UseCommunityClustering(builder.Configuration).AddCommunityGrains(builder.Configuration));
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (BlobStorageUnreachableException exception)
{
    // Already logged with its details; a closing line without a stack dump says what to fix.
    Console.Error.WriteLine($"The silo cannot start: {exception.Message}");
    return 1;
}
