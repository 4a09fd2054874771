using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Community.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Live;

public sealed class LiveBoardTests(LiveStack stack) : IClassFixture<LiveStack>
{
    [Fact]
    public async Task Fifty_watchers_end_with_the_api_snapshot_after_a_thousand_dots()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 100, cards: 20, dotsPerParticipant: 10);
        // Half the room on each web node: both relays must carry every change.
        var watchers = Enumerable.Range(0, 50)
            .Select(index => scenario.Watcher(index % 2 == 0 ? stack.HostA : stack.HostB, scenario.Participants[index].Token))
            .ToList();
        await Task.WhenAll(watchers.Select(watcher => watcher.StartAsync()));

        await scenario.VoteAsync(dotsEach: 10);

        var snapshot = await scenario.SnapshotAsync();
        Assert.Equal(1_000, snapshot.Cards.Sum(card => card.Dots));
        await Convergence.UntilAllShowAsync(scenario, watchers);
        Assert.All(watchers, watcher => Assert.True(watcher.ChangesReceived > 0, "A watcher got the board only from snapshots."));
        await DisposeAllAsync(watchers);
    }

    [Fact]
    public async Task A_dot_goes_out_as_a_count_without_the_text_and_a_new_topic_whole_to_json_and_messagepack_watchers()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 1, cards: 1, description: "Long enough that resending it for every dot would show");
        await using var json = scenario.Watcher(stack.HostA);
        await using var messagePack = scenario.Watcher(stack.HostB, messagePack: true);
        using var wire = await RawHubSocket.WatchAsync(stack.HostA.BaseAddress, scenario.Meeting.OrganiserToken, scenario.MeetingId, scenario.BoardId);
        await Task.WhenAll(json.StartAsync(), messagePack.StartAsync());
        var dotted = scenario.CardIds[0];

        using (var voter = scenario.App.CreateClient(scenario.Participants[0].Token))
        {
            await scenario.SetDotsAsync(voter, dotted, 1);
        }

        var proposed = await scenario.ProposeAsync(scenario.Meeting.OrganiserToken, "Open data for cities", "Comes whole, with its text");

        await Convergence.UntilAllShowAsync(scenario, [json, messagePack]);
        Assert.All([json, messagePack], watcher =>
        {
            Assert.Contains(watcher.Heard, changes => changes.Dots?.GetValueOrDefault(dotted) == 1);
            Assert.DoesNotContain(watcher.Heard, changes => changes.Cards.Any(card => card.CardId == dotted) || changes.Patches.Any(patch => patch.CardId == dotted));
            Assert.Contains(watcher.Heard, changes => changes.Cards.Any(card =>
                card.CardId == proposed.CardId && card.Title == "Open data for cities" && card.Description == "Comes whole, with its text"));
        });

        // On the wire, the dot is the card's id and its count in the message's short form, and nothing else of it.
        var dotChange = await FirstOnTheWireAsync(wire, changes => changes.TryGetProperty("dots", out var dots) && dots.TryGetProperty(dotted, out _));
        Assert.Equal(1, dotChange.GetProperty("dots").GetProperty(dotted).GetInt32());
        Assert.Empty(dotChange.GetProperty("patches").EnumerateArray());
        Assert.False(dotChange.TryGetProperty("round", out _), "A board without a running round sent round: null.");
        var cardChange = await FirstOnTheWireAsync(wire, changes => changes.GetProperty("cards").EnumerateArray().Any(card => card.GetProperty("cardId").GetString() == proposed.CardId));
        var card = cardChange.GetProperty("cards").EnumerateArray().Single(card => card.GetProperty("cardId").GetString() == proposed.CardId);
        Assert.Equal("Comes whole, with its text", card.GetProperty("description").GetString());
    }

    /// <summary>The first `changes` message (its argument, as sent) that <paramref name="wanted"/> accepts.</summary>
    private static async Task<JsonElement> FirstOnTheWireAsync(RawHubSocket wire, Func<JsonElement, bool> wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var frame in wire.ReadAsync(deadline.Token))
        {
            using var message = JsonDocument.Parse(frame);
            if (message.RootElement.TryGetProperty("target", out var target) && target.GetString() == LiveMessages.Changes
                && message.RootElement.GetProperty("arguments")[0] is var changes && wanted(changes))
            {
                return changes.Clone();
            }
        }

        throw new InvalidOperationException("The hub closed before the change looked for.");
    }

    [Fact]
    public async Task A_topic_proposed_through_one_web_node_shows_on_a_watcher_of_another()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 1, cards: 1);
        await using var watcherOnB = scenario.Watcher(stack.HostB, scenario.Participants[0].Token);
        await watcherOnB.StartAsync();

        await scenario.ProposeAsync(scenario.Meeting.OrganiserToken, "Supporting girls in tech", through: stack.HostA);

        await Convergence.UntilAsync(
            () => watcherOnB.Board.Cards.Any(card => card.Title == "Supporting girls in tech"),
            () => $"the watcher on host B is at version {watcherOnB.Version}");
    }

    [Fact]
    public async Task A_watcher_that_was_offline_while_the_board_changed_catches_up_on_reconnect()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 10, cards: 5);
        await using var watcher = scenario.Watcher(stack.HostA, scenario.Participants[0].Token);
        await watcher.StartAsync();
        await watcher.StopAsync();

        await scenario.VoteAsync(dotsEach: 2);
        await scenario.ProposeAsync(scenario.Meeting.OrganiserToken, "AI in the classroom");

        await watcher.StartAsync();
        await Convergence.UntilAllShowAsync(scenario, [watcher]);
    }

    [Fact]
    public async Task A_watcher_that_never_reads_does_not_hold_up_the_others()
    {
        // Long descriptions make every message about a card big, so the stuck watcher's buffers fill up early.
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 60, cards: 10, dotsPerParticipant: 10, description: new string('x', 2_000));
        using var stuck = await NonReadingWatcher.ConnectAsync(stack.HostA.BaseAddress, scenario);
        var watchers = Enumerable.Range(0, 5).Select(index => scenario.Watcher(stack.HostA, scenario.Participants[index].Token)).ToList();
        await Task.WhenAll(watchers.Select(watcher => watcher.StartAsync()));

        await scenario.VoteAsync(dotsEach: 10, dots: 1);
        await scenario.VoteAsync(dotsEach: 10, dots: 0);

        await Convergence.UntilAllShowAsync(scenario, watchers);
        await DisposeAllAsync(watchers);
    }

    [Fact]
    public async Task Watching_a_board_of_another_meeting_is_refused()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 0, cards: 0);
        var otherMeeting = await stack.HostA.CreateMeetingAsync("Another meeting");
        await using var outsider = scenario.Watcher(stack.HostA, otherMeeting.OrganiserToken);

        var refusal = await Assert.ThrowsAsync<HubException>(outsider.StartAsync);

        Assert.Contains("forbidden:", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watching_without_a_token_is_refused()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 0, cards: 0);
        await using var anonymous = new HubConnectionBuilder().WithUrl(scenario.HubUrl(stack.HostA)).Build();

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_open_the_hub_but_the_app_itself_can()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 0, cards: 0);
        using var client = stack.HostA.CreateClient();

        async Task<HttpStatusCode> NegotiateFrom(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"/hubs/live/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(scenario.Meeting.OrganiserToken)}");
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFrom("https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateFrom(stack.HostA.BaseAddress.GetLeftPart(UriPartial.Authority)));
    }

    [Fact]
    public async Task Everyone_sees_how_many_watch_the_board_across_web_nodes()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 3, cards: 0);
        var watchers = new[]
        {
            scenario.Watcher(stack.HostA, scenario.Participants[0].Token),
            scenario.Watcher(stack.HostA, scenario.Participants[1].Token),
            scenario.Watcher(stack.HostB, scenario.Participants[2].Token),
        };
        await Task.WhenAll(watchers.Select(watcher => watcher.StartAsync()));

        await Convergence.UntilAsync(
            () => watchers.All(watcher => watcher.Watchers == 3),
            () => string.Join(", ", watchers.Select(watcher => watcher.Watchers)));

        await watchers[0].StopAsync();
        await Convergence.UntilAsync(
            () => watchers.Skip(1).All(watcher => watcher.Watchers == 2),
            () => string.Join(", ", watchers.Skip(1).Select(watcher => watcher.Watchers)));
        await DisposeAllAsync(watchers);
    }

    [Fact]
    public async Task One_token_holds_at_most_five_live_connections_per_node_and_counts_as_one_watcher()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 2, cards: 0);
        var ana = scenario.Participants[0].Token;
        var tabs = Enumerable.Range(0, 5).Select(_ => scenario.Watcher(stack.HostA, ana)).ToList();
        foreach (var tab in tabs)
        {
            await tab.StartAsync();
        }

        // The sixth connection of the same token is closed at connect, before it can watch.
        await using var sixth = scenario.Watcher(stack.HostA, ana);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        sixth.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        // Its Watch fails as the server closes it; the close says why.
        var refused = await Record.ExceptionAsync(sixth.StartAsync);
        Assert.NotNull(refused);
        var reason = refused.Message.Contains("too-many-connections", StringComparison.Ordinal)
            ? refused
            : await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("too-many-connections", reason?.Message ?? "", StringComparison.Ordinal);

        // Another node keeps its own count; and Boris, a second person, is counted beside Ana's five tabs as 2.
        await using var onOtherNode = scenario.Watcher(stack.HostB, ana);
        await onOtherNode.StartAsync();
        await using var boris = scenario.Watcher(stack.HostA, scenario.Participants[1].Token);
        await boris.StartAsync();
        // Ana is one watcher per node she is connected to (two nodes here), however many tabs: never 7.
        await Convergence.UntilAsync(() => boris.Watchers == 3, () => $"Boris sees {boris.Watchers} watching");

        // A closed tab frees its place, as soon as the server has seen it close.
        await tabs[0].DisposeAsync();
        for (var attempt = 1; ; attempt++)
        {
            await using var again = scenario.Watcher(stack.HostA, ana);
            if (await Record.ExceptionAsync(again.StartAsync) is null)
            {
                break;
            }

            Assert.True(attempt < 100, "The closed tab's place was never freed.");
            await Task.Delay(100);
        }

        await DisposeAllAsync(tabs.Skip(1));
    }

    [Fact]
    public async Task A_board_on_many_connections_of_one_token_gets_the_crowded_boards_longer_window()
    {
        // A node that calls three connections a crowd and waits a whole second between messages to a crowd.
        await using var node = stack.StartHost(new Dictionary<string, string?>
        {
            ["Live:QuietWatchers"] = "1",
            ["Live:BusyWatchers"] = "3",
            ["Live:MaxCoalescingWindow"] = "00:00:01",
        });
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 1, cards: 2);
        // One token on three sockets is one person watching, but three copies of every message leave the node.
        var screens = Enumerable.Range(0, 3).Select(_ => scenario.Watcher(node)).ToList();
        var arrivals = new List<DateTimeOffset>();
        screens[0].Connection.On<BoardChangesMessage>(LiveMessages.Changes, _ =>
        {
            lock (arrivals)
            {
                arrivals.Add(DateTimeOffset.UtcNow);
            }
        });
        foreach (var screen in screens)
        {
            await screen.StartAsync();
        }

        using var voter = scenario.App.CreateClient(scenario.Participants[0].Token);
        foreach (var cardId in scenario.CardIds)
        {
            await scenario.SetDotsAsync(voter, cardId, 1);
            await Convergence.UntilAsync(() => screens[0].Board.Cards.Single(card => card.CardId == cardId).Dots == 1, () => $"The dot on {cardId} never showed.");
        }

        // Two messages a second apart or more (a slow machine only widens the gap), not the quiet board's 50 ms.
        DateTimeOffset[] heard;
        lock (arrivals)
        {
            heard = [.. arrivals];
        }

        Assert.True(heard.Length >= 2, $"Expected the two dots in two messages, heard {heard.Length}.");
        Assert.True(heard[^1] - heard[^2] >= TimeSpan.FromMilliseconds(800), $"The second message came {(heard[^1] - heard[^2]).TotalMilliseconds:0} ms after the first.");
        await DisposeAllAsync(screens);
    }

    [Fact]
    public async Task A_web_node_relays_a_board_only_while_someone_on_it_watches()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 0, cards: 0);
        var relays = stack.HostA.Services.GetRequiredService<BoardRelays>();
        await using var first = scenario.Watcher(stack.HostA);
        await using var second = scenario.Watcher(stack.HostA);
        await first.StartAsync();
        await second.StartAsync();
        Assert.True(relays.IsRelaying(scenario.MeetingId, scenario.BoardId));

        await first.Connection.InvokeAsync("Unwatch", scenario.MeetingId, scenario.BoardId);
        Assert.True(relays.IsRelaying(scenario.MeetingId, scenario.BoardId));

        await second.StopAsync();
        await Convergence.UntilAsync(
            () => !relays.IsRelaying(scenario.MeetingId, scenario.BoardId),
            () => "host A still relays the board after its last watcher left");
    }

    [Fact]
    public async Task A_client_flooding_the_hub_is_slowed_down()
    {
        var scenario = await BoardScenario.CreateAsync(stack.HostA, participants: 0, cards: 0);
        await using var flooder = scenario.Watcher(stack.HostA);
        await flooder.StartAsync();

        var calls = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            try
            {
                await flooder.Connection.InvokeAsync("Unwatch", scenario.MeetingId, scenario.BoardId);
                return "done";
            }
            catch (HubException refusal)
            {
                return refusal.Message;
            }
        }));

        Assert.Contains(calls, outcome => outcome.Contains("rate-limited", StringComparison.Ordinal));
    }

    private static async Task DisposeAllAsync(IEnumerable<LiveBoardClient> watchers)
    {
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    /// <summary>
    /// Watches with a tiny receive buffer and then never reads again, so the server's sends to it back up quickly.
    /// It keeps pinging, so the server does not time it out during the test.
    /// </summary>
    private sealed class NonReadingWatcher : IDisposable
    {
        private readonly RawHubSocket _hub;
        private readonly CancellationTokenSource _stop = new();

        private NonReadingWatcher(RawHubSocket hub)
        {
            _hub = hub;
            _ = PingAsync();
        }

        public static async Task<NonReadingWatcher> ConnectAsync(Uri baseAddress, BoardScenario scenario) =>
            new(await RawHubSocket.WatchAsync(baseAddress, scenario.Meeting.OrganiserToken, scenario.MeetingId, scenario.BoardId, receiveBufferSize: 1024));

        private async Task PingAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                    await _hub.SendAsync("""{"type":6}""");
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // Stopped by the test, or the server gave up on it: either way it has done its job.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _hub.Dispose();
            _stop.Dispose();
        }
    }
}
