using Community.Proxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommunityProxy();

var app = builder.Build();
app.MapReverseProxy();
app.Run();
