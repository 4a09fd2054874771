using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Community.Benchmarks.Load;

/// <summary>One board to load: who watches it, who votes, which card is the probe.</summary>
public sealed record Board(string MeetingId, string BoardId, string WatcherToken, IReadOnlyList<string> VoterTokens, IReadOnlyList<string> CardIds, string ProbeToken, string ProbeCardId);

/// <summary>A system the same clients load: the stack or a baseline, its processes' pids, and how to make a board.</summary>
public sealed record SystemUnderTest(string Name, Uri BaseAddress, IReadOnlyDictionary<string, int> Pids, Func<HttpClient, int, Task<Board>> CreateBoard, BlobWriteLog? BlobWrites);

/// <summary>
/// Blob writes of the stack, counted from Azurite's own debug log (started with <c>--debug FILE</c>): each request
/// Azurite serves is logged with its method and URL. Every PUT is a write (uploads, copies, container creation);
/// board writes are the PUTs of a board grain's state blob itself (not its <c>.prev</c> backup copy).
/// </summary>
public sealed class BlobWriteLog(string path)
{
    private long _offset;
    private long _writes;
    private long _boardWrites;

    /// <summary>Writes logged so far, all and of board state (reads only the new part of the log).</summary>
    public (long All, long Board) Count()
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Contains("RequestMethod=PUT", StringComparison.Ordinal))
            {
                _writes++;
                var url = line.IndexOf("RequestURL=", StringComparison.Ordinal);
                var end = line.IndexOf(' ', url);
                var target = line[url..end];
                if (target.Contains("/grainstate/board/", StringComparison.Ordinal) && !target.Contains(".prev", StringComparison.Ordinal))
                {
                    _boardWrites++;
                }
            }
        }

        _offset = stream.Position;
        return (_writes, _boardWrites);
    }
}

public static class Systems
{
    public const int Voters = 200;
    public const int Cards = 20;

    /// <summary>What the web app needs to be loaded from one address with one watcher token; everything else as shipped.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoadSettings = new Dictionary<string, string>
    {
        // Every watcher uses the organiser's token; the per-token cap is for the internet, not this measurement.
        ["Live__MaxConnectionsPerParticipant"] = "100000",
        // One address creates a meeting and joins 201 people per cell: the per-address limits are for the internet.
        ["Community__RateLimits__MeetingsPerMinutePerAddress"] = "1000",
        ["Community__RateLimits__AddressJoinBurst"] = "1000000",
    };

    /// <summary>Azurite, the silo and the web app as ./run.sh starts them (Release builds), on free ports.</summary>
    public static async Task<SystemUnderTest> StartStackAsync(Processes processes, string root, HttpClient http)
    {
        var azuritePort = Processes.FreePort();
        var data = Directory.CreateTempSubdirectory("community-load-azurite-").FullName;
        var debugLog = Path.Combine(processes.LogFolder, "azurite-debug.log");
        var azurite = processes.Start("azurite",
            $"node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort {azuritePort} --location {data} --silent --skipApiVersionCheck --loose --debug {debugLog}",
            root);
        await Processes.WaitAsync("Azurite", azurite, () => Processes.ListeningAsync(azuritePort), TimeSpan.FromSeconds(60));

        var blobs = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{azuritePort}/devstoreaccount1;";
        var gatewayPort = Processes.FreePort();
        var siloPort = Processes.FreePort();
        var silo = processes.Start("silo", "dotnet bin/Release/net10.0/Community.Silo.dll", Path.Combine(root, "src", "Community.Silo"), new Dictionary<string, string>
        {
            ["ConnectionStrings__Blobs"] = blobs,
            ["COMMUNITY_SILO_PORT"] = $"{siloPort}",
            ["COMMUNITY_GATEWAY_PORT"] = $"{gatewayPort}",
            ["COMMUNITY_OPERATIONS_URL"] = $"http://127.0.0.1:{Processes.FreePort()}",
        });
        await Processes.WaitAsync("The silo", silo, () => Processes.ListeningAsync(gatewayPort), TimeSpan.FromSeconds(90));

        var baseAddress = new Uri($"http://127.0.0.1:{Processes.FreePort()}");
        var web = processes.Start("web", "dotnet bin/Release/net10.0/Community.Web.dll", Path.Combine(root, "src", "Community.Web"), new Dictionary<string, string>(LoadSettings)
        {
            ["ConnectionStrings__Blobs"] = blobs,
            ["COMMUNITY_GATEWAY_PORT"] = $"{gatewayPort}",
            ["COMMUNITY_WEB_URL"] = baseAddress.ToString().TrimEnd('/'),
            ["COMMUNITY_OPERATIONS_URL"] = $"http://127.0.0.1:{Processes.FreePort()}",
            ["Community__Security__Https"] = "false",
        });
        await Processes.WaitAsync("The web app", web, () => Processes.HealthyAsync(http, baseAddress), TimeSpan.FromSeconds(90));
        return new SystemUnderTest("stack", baseAddress, new Dictionary<string, int> { ["web"] = web, ["silo"] = silo, ["azurite"] = azurite },
            (client, _) => CreateStackBoardAsync(client, baseAddress), new BlobWriteLog(debugLog));
    }

    /// <summary>A baseline process (bench/Community.Benchmarks.Baselines) in the given mode.</summary>
    public static async Task<SystemUnderTest> StartBaselineAsync(Processes processes, string root, HttpClient http, string name, string mode)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{Processes.FreePort()}");
        var pid = processes.Start(name, $"dotnet Community.Benchmarks.Baselines.dll --urls {baseAddress.ToString().TrimEnd('/')} --mode {mode}",
            Path.Combine(root, "bench", "Community.Benchmarks.Baselines", "bin", "Release", "net10.0"));
        await Processes.WaitAsync(name, pid, () => Processes.HealthyAsync(http, baseAddress), TimeSpan.FromSeconds(60));
        // Any ids and tokens do: the baseline keeps counters per card and voter in memory.
        return new SystemUnderTest(name, baseAddress, new Dictionary<string, int> { [name] = pid }, (_, cell) => Task.FromResult(new Board(
            $"meeting-{cell}", $"board-{cell}", "watcher",
            [.. Enumerable.Range(0, Voters).Select(index => $"voter-{index}")],
            [.. Enumerable.Range(0, Cards).Select(index => $"card-{cell}-{index}")],
            "probe", $"probe-card-{cell}")), null);
    }

    public static HttpRequestMessage DotsRequest(Uri baseAddress, Board board, string token, string cardId, int dots) =>
        new(HttpMethod.Put, new Uri(baseAddress, $"/api/meetings/{board.MeetingId}/boards/{board.BoardId}/cards/{cardId}/dots"))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = JsonContent.Create(new { dots }),
        };

    // A meeting, an open-space board, the voters and the probe joined with the join code, the topics: all through the API.
    public static async Task<Board> CreateStackBoardAsync(HttpClient http, Uri baseAddress)
    {
        var meeting = await SendAsync(http, HttpMethod.Post, new Uri(baseAddress, "/api/meetings"), null,
            new { title = "Load", city = "Sofia", country = "BG", timeZone = "Europe/Sofia" });
        var meetingId = meeting.GetProperty("meetingId").GetString()!;
        var organiser = meeting.GetProperty("organiserToken").GetString()!;
        var joinCode = meeting.GetProperty("joinCode").GetString()!;
        var start = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.FromHours(3));
        var board = await SendAsync(http, HttpMethod.Post, new Uri(baseAddress, $"/api/meetings/{meetingId}/boards"), organiser, new
        {
            kind = "openSpace",
            title = "Marketplace",
            slots = new[] { new { id = "slot-1", startsAt = start, endsAt = start.AddHours(1), label = "09:00" } },
            spaces = new[] { new { id = "space-1", name = "Main hall" } },
            dotsPerParticipant = 3,
            maxDotsPerCard = 1,
        });
        var boardId = board.GetProperty("boardId").GetString()!;
        var tokens = new List<string>();
        for (var batch = 0; batch <= Voters; batch += 50)
        {
            var joined = await Task.WhenAll(Enumerable.Range(batch, Math.Min(50, Voters + 1 - batch)).Select(number =>
                SendAsync(http, HttpMethod.Post, new Uri(baseAddress, "/api/join"), null, new { code = joinCode, displayName = $"Voter {number}" })));
            tokens.AddRange(joined.Select(join => join.GetProperty("token").GetString()!));
        }

        var cards = new List<string>();
        for (var number = 0; number <= Cards; number++)
        {
            var card = await SendAsync(http, HttpMethod.Post, new Uri(baseAddress, $"/api/meetings/{meetingId}/boards/{boardId}/cards"), organiser,
                new { title = number == Cards ? "Probe" : $"Topic {number}" });
            cards.Add(card.GetProperty("cardId").GetString()!);
        }

        return new Board(meetingId, boardId, organiser, tokens[..Voters], cards[..Cards], tokens[Voters], cards[Cards]);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, Uri url, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new HttpRequestException($"{(int)response.StatusCode} from {method} {url}: {text}");
    }
}
