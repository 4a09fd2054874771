using Community.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommunityWeb();

var app = builder.Build();
app.MapCommunityWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
