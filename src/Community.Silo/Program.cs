using Community.Grains;
using Community.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddCommunityConsole();
builder.UseOrleans(silo => silo.UseCommunityClustering(builder.Configuration).AddCommunityGrains(builder.Configuration));
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

await builder.Build().RunAsync();
