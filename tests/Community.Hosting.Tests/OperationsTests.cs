using System.Globalization;
using System.Net;
using Community.Testing;

namespace Community.Hosting.Tests;

/// <summary>
/// A silo and a web node as processes, each with its operations listener on a free port: after a join, a card, a dot
/// and a phone watching, Prometheus sees our instruments, Orleans', ASP.NET Core's and the runtime's there, the silo
/// serves the Orleans dashboard there, and the public port knows neither.
/// </summary>
public sealed class OperationsTests(OperationsTests.Stack stack) : IClassFixture<OperationsTests.Stack>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task The_silo_exports_dots_joins_blob_writes_and_batch_sizes_and_orleans_meters()
    {
        var metrics = await stack.ScrapeUntilAsync(stack.SiloOperationsUrl, "community_dots_total");

        Assert.True(Sum(metrics, "community_dots_total") >= 1, metrics);
        Assert.True(Sum(metrics, "community_joins_total") >= 1, metrics);
        Assert.True(Sum(metrics, "community_blob_writes_total") >= 3, metrics); // meeting, board, roster at least
        Assert.True(Sum(metrics, "community_board_batch_size_count") >= 1, metrics);
        Assert.Contains("\norleans_", metrics);
        Assert.Contains("\ndotnet_gc_", metrics);
        Assert.DoesNotContain("community_live_watchers", metrics); // a web node's gauge
    }

    [Fact]
    public async Task The_web_node_exports_fan_out_latency_bytes_sent_watchers_and_http_durations()
    {
        var metrics = await stack.ScrapeUntilAsync(stack.WebOperationsUrl, "community_live_fanout_latency_milliseconds_count");

        Assert.True(Sum(metrics, "community_live_fanout_latency_milliseconds_count") >= 1, metrics);
        Assert.True(Sum(metrics, "community_live_bytes_sent_bytes_total") > 0, metrics);
        Assert.Equal(1, Sum(metrics, "community_live_watchers"));
        Assert.True(Sum(metrics, "http_server_request_duration_seconds_count") >= 4, metrics);
        Assert.Contains("\ndotnet_gc_", metrics);
    }

    [Fact]
    public async Task The_orleans_dashboard_answers_on_the_silos_operations_port()
    {
        using var response = await Http.GetAsync($"{stack.SiloOperationsUrl}/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    public async Task The_public_port_knows_no_operations_path_even_asked_with_the_operations_host(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{stack.WebUrl}{path}");
        request.Headers.Host = new Uri(stack.WebOperationsUrl).Authority;
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_operations_port_serves_nothing_but_operations()
    {
        using var response = await Http.GetAsync($"{stack.WebOperationsUrl}/healthz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The sum of a metric's samples over all their label sets (Prometheus text format).</summary>
    private static double Sum(string metrics, string name) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture));

    /// <summary>The processes, and what a meeting did through the public API before the tests scrape.</summary>
    public sealed class Stack : IAsyncLifetime
    {
        private AppProcess? _silo;
        private AppProcess? _web;
        private WatchingPhone? _phone;

        public string WebUrl { get; } = Deployment.WebUrlOnFreePort();

        public string WebOperationsUrl { get; } = Deployment.WebUrlOnFreePort();

        public string SiloOperationsUrl { get; } = Deployment.WebUrlOnFreePort();

        private string Logs() => $"silo:\n{_silo?.Output}\nweb:\n{_web?.Output}";

        public async Task InitializeAsync()
        {
            var deployment = new Deployment((await SharedAzurite.GetAsync()).ConnectionString);
            var gatewayPort = FreePort.Next();
            _silo = AppProcess.StartSilo(deployment.Silo(FreePort.Next(), gatewayPort, SiloOperationsUrl));
            _web = AppProcess.StartWeb(deployment.Web(WebUrl, gatewayPort, WebOperationsUrl));
            await new Health(WebUrl).UntilAsync(HttpStatusCode.OK, Logs);

            var meeting = await Api.SendAsync(HttpMethod.Post, $"{WebUrl}/api/meetings", null, new { title = "Metrics" });
            var meetingId = (string)meeting["meetingId"]!;
            var board = await Api.SendAsync(HttpMethod.Post, $"{WebUrl}/api/meetings/{meetingId}/boards", (string)meeting["organiserToken"]!, new { kind = "openSpace", title = "Marketplace" });
            var boardId = (string)board["boardId"]!;
            var joined = await Api.SendAsync(HttpMethod.Post, $"{WebUrl}/api/join", null, new { code = (string)meeting["joinCode"]!, displayName = "Ana" });
            var token = (string)joined["token"]!;
            _phone = await WatchingPhone.WatchAsync(WebUrl, token, meetingId, boardId);
            var boardUrl = $"{WebUrl}/api/meetings/{meetingId}/boards/{boardId}";
            var card = await Api.SendAsync(HttpMethod.Post, $"{boardUrl}/cards", token, new { title = "Metrics in production" });
            await Api.SendAsync(HttpMethod.Put, $"{boardUrl}/cards/{(string)card["cardId"]!}/dots", token, new { dots = 1 });
            var version = (long)(await Api.SendAsync(HttpMethod.Get, boardUrl, token))["version"]!;
            await Eventually.UntilAsync(() => Task.FromResult(_phone.Version), seen => seen >= version, Logs);
        }

        /// <summary>Scrapes until the metric appears: the exporter may answer from a scrape it cached just before.</summary>
        public Task<string> ScrapeUntilAsync(string operationsUrl, string metric) =>
            Eventually.UntilAsync(() => Http.GetStringAsync($"{operationsUrl}/metrics"), text => Sum(text, metric) > 0, Logs);

        public async Task DisposeAsync()
        {
            if (_phone is not null)
            {
                await _phone.DisposeAsync();
            }

            foreach (var process in new[] { _web, _silo })
            {
                if (process is not null)
                {
                    await process.DisposeAsync();
                }
            }
        }
    }
}
