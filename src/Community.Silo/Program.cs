using Community.Grains;
using Community.Grains.Storage;
using Community.Operations;
using Community.Silo;
using Microsoft.AspNetCore.Builder;
using Orleans.Dashboard;

// A web application only for its operations listener (metrics, Orleans dashboard): a silo has no public routes.
var builder = WebApplication.CreateBuilder(args);
if (args is ["restore-state", var blobName])
{
    return await StateRestore.RunAsync(builder.Configuration, blobName);
}

builder.Logging.AddCommunityConsole();
builder.AddCommunityOperations(SiloOperations.DefaultUrl);
builder.UseOrleans(silo => silo
    .UseCommunityClustering(builder.Configuration)
    .AddCommunityGrains(builder.Configuration)
    .AddDashboard());
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

try
{
    var app = builder.Build();
    app.MapCommunityOperations();
    app.MapOrleansDashboard(SiloOperations.DashboardPath).OnlyOnOperationsPort();
    await app.RunAsync();
    return 0;
}
catch (BlobStorageUnreachableException exception)
{
    // Already logged with its details; a closing line without a stack dump says what to fix.
    Console.Error.WriteLine($"The silo cannot start: {exception.Message}");
    return 1;
}
