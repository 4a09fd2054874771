using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Testing;

/// <summary>
/// The real web app (its Program) on a <see cref="CommunityCluster"/>: the cluster's client is the app's
/// IClusterClient and IGrainFactory, and the app stores its Data Protection keys in the cluster's Azurite.
/// With <c>kestrel: true</c> it listens on a real loopback port (<see cref="BaseAddress"/>), for browsers, raw
/// sockets, or a second web host on the same cluster; otherwise it runs in memory on TestServer.
/// <see cref="CreateClient()"/> works either way. <c>settings</c> override configuration, e.g.
/// <c>["Community:RateLimits:WriteBurst"] = "2"</c>.
/// </summary>
public sealed class CommunityWebApp : WebApplicationFactory<Program>
{
    /// <summary>The API's JSON: web defaults (camelCase) with enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly CommunityCluster _cluster;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private readonly int? _kestrelPort;

    private CommunityWebApp(CommunityCluster cluster, IReadOnlyDictionary<string, string?>? settings, int? kestrelPort)
    {
        _cluster = cluster;
        _settings = settings ?? new Dictionary<string, string?>();
        _kestrelPort = kestrelPort;
    }

    public CommunityCluster Cluster => _cluster;

    /// <summary>Where the app listens: a real http://localhost:port with Kestrel, TestServer's address otherwise.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public static CommunityWebApp Start(CommunityCluster cluster, bool kestrel = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new CommunityWebApp(cluster, settings, kestrel ? FreePort.Next() : null);
        if (app._kestrelPort is { } port)
        {
            app.UseKestrel(port);
        }

        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ClusterClientHosting.ExternalClientSetting, "true");
        builder.UseSetting("ConnectionStrings:Blobs", _cluster.Azurite.ConnectionString);
        if (_kestrelPort is { } port)
        {
            // The app's own default (127.0.0.1:5080) belongs to ./run.sh.
            builder.UseSetting("COMMUNITY_WEB_URL", $"http://127.0.0.1:{port}");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClusterClient>(_cluster.Client);
            services.AddSingleton<IGrainFactory>(_cluster.Client);
        });
    }

    /// <summary>A client that sends the token as <c>Authorization: Bearer</c>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a meeting as a new organiser.</summary>
    public async Task<MeetingCreatedResponse> CreateMeetingAsync(string title = "EU Code Week Community Meeting")
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/meetings", new { title, city = "Sofia", country = "BG", timeZone = "Europe/Sofia" }, Json);
        return await ReadAsync<MeetingCreatedResponse>(response);
    }

    /// <summary>Joins with a meeting's join code or an invite code.</summary>
    public async Task<JoinResponse> JoinAsync(string code, string displayName, string? country = null)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/join", new { code, displayName, country }, Json);
        return await ReadAsync<JoinResponse>(response);
    }

    /// <summary>Adds a board as the organiser; <paramref name="board"/> is the request body (kind, title, slots, ...).</summary>
    public async Task<BoardSummary> CreateBoardAsync(string organiserToken, string meetingId, object board)
    {
        using var client = CreateClient(organiserToken);
        using var response = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/boards", board, Json);
        return await ReadAsync<BoardSummary>(response);
    }

    /// <summary>An open-space board with two slots and two spaces ("slot-1", "slot-2", "space-1", "space-2").</summary>
    public Task<BoardSummary> CreateOpenSpaceBoardAsync(string organiserToken, string meetingId, int dotsPerParticipant = 3, int maxDotsPerCard = 1)
    {
        var start = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.FromHours(3));
        return CreateBoardAsync(organiserToken, meetingId, new
        {
            kind = "openSpace",
            title = "Open space marketplace",
            slots = new[]
            {
                new { id = "slot-1", startsAt = start, endsAt = start.AddHours(1), label = "09:00" },
                new { id = "slot-2", startsAt = start.AddHours(1), endsAt = start.AddHours(2), label = "10:00" },
            },
            spaces = new[] { new { id = "space-1", name = "Main hall" }, new { id = "space-2", name = "Library" } },
            dotsPerParticipant,
            maxDotsPerCard,
        });
    }

    /// <summary>Joins through an invite the organiser creates: a facilitator of the whole meeting.</summary>
    public async Task<JoinResponse> JoinAsFacilitatorAsync(string organiserToken, string meetingId, string displayName = "Facilitator")
    {
        using var client = CreateClient(organiserToken);
        using var response = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/invites", new { role = "facilitator" }, Json);
        var invite = await ReadAsync<Invite>(response);
        return await JoinAsync(invite.Code, displayName);
    }

    /// <summary>The body as T, or an exception that shows the status and the problem the server sent.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}",
                null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException("Empty response body.");
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHosting.AddEnumsAsStrings(options);
        return options;
    }
}
