using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Community.Benchmarks.Load;

/// <summary>
/// A bare WebSocket watching one board with SignalR's JSON protocol (cheaper than a HubConnection when there are
/// thousands). It counts every message and byte and tells the probe when a `changes` message names its card.
/// </summary>
public sealed class Watcher : IDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] ChangesTarget = "\"target\":\"changes\""u8.ToArray();
    private readonly ClientWebSocket _socket;
    private byte[] _unread = new byte[16 * 1024];
    private int _unreadLength;

    private readonly string _watch;
    private bool _resyncing;

    private Watcher(ClientWebSocket socket, string watch, BoardTally? tally) => (_socket, _watch, Tally) = (socket, watch, tally);

    public long Messages { get; private set; }

    /// <summary>The board as this watcher sees it, when it was asked to keep one (<c>keepTally</c>).</summary>
    public BoardTally? Tally { get; }

    public long Bytes { get; private set; }

    public static async Task<Watcher> ConnectAsync(HttpMessageInvoker invoker, Uri baseAddress, string token, string meetingId, string boardId, bool keepTally = false)
    {
        var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/live", Query = $"access_token={Uri.EscapeDataString(token)}" };
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url.Uri, invoker, CancellationToken.None);
        var watcher = new Watcher(socket, $$"""{"type":1,"invocationId":"watch","target":"Watch","arguments":["{{meetingId}}","{{boardId}}"]}""", keepTally ? new BoardTally() : null);
        await watcher.SendAsync("""{"protocol":"json","version":1}""");
        await watcher.SendAsync(watcher._watch);
        // The handshake answer, then Watch's completion (the snapshot): wait for the completion before counting.
        var answered = false;
        while (!answered)
        {
            foreach (var message in await watcher.ReceiveMessagesAsync(CancellationToken.None))
            {
                answered |= watcher.ReadSnapshot(message);
            }
        }

        return watcher;
    }

    /// <summary>Reads until cancelled or closed, counting messages and reporting probe sightings.</summary>
    public async Task RunAsync(int index, Probe probe, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var message in await ReceiveMessagesAsync(stop))
                {
                    Messages++;
                    Bytes += message.Length + 1;
                    if (probe.Waiting(index) && message.AsSpan().IndexOf(ChangesTarget) >= 0 && message.AsSpan().IndexOf(probe.CardId) >= 0)
                    {
                        probe.Saw(index);
                    }

                    if (Tally is not null)
                    {
                        await KeepTallyAsync(message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The cell is over.
        }
        catch (WebSocketException)
        {
            // The server closed us: the counts so far stand.
        }
    }

    public void ResetCounts() => (Messages, Bytes) = (0, 0);

    // Watch's completion carries the snapshot: true once it came (an error answer throws).
    private bool ReadSnapshot(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        if (!text.Contains("\"invocationId\":\"watch\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var document = JsonDocument.Parse(message);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"Watch was refused: {error}");
        }

        Tally?.ApplySnapshot(document.RootElement.GetProperty("result"));
        _resyncing = false;
        return true;
    }

    // As a page does: apply changes in version order; after a gap, Watch again and take its snapshot.
    private async Task KeepTallyAsync(byte[] message)
    {
        if (ReadSnapshot(message) || _resyncing || message.AsSpan().IndexOf(ChangesTarget) < 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(message);
        if (!Tally!.TryApplyChanges(document.RootElement.GetProperty("arguments")[0]))
        {
            _resyncing = true;
            await SendAsync(_watch);
        }
    }

    private Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    // One receive, split into complete SignalR messages; a partial one waits for the next receive.
    private async Task<List<byte[]>> ReceiveMessagesAsync(CancellationToken cancellationToken)
    {
        if (_unread.Length - _unreadLength < 4096)
        {
            Array.Resize(ref _unread, _unread.Length * 2);
        }

        var read = await _socket.ReceiveAsync(_unread.AsMemory(_unreadLength), cancellationToken);
        if (read.MessageType == WebSocketMessageType.Close)
        {
            throw new WebSocketException("closed");
        }

        _unreadLength += read.Count;
        var messages = new List<byte[]>();
        var start = 0;
        int end;
        while ((end = Array.IndexOf(_unread, RecordSeparator, start, _unreadLength - start)) >= 0)
        {
            messages.Add(_unread[start..end]);
            start = end + 1;
        }

        Array.Copy(_unread, start, _unread, 0, _unreadLength - start);
        _unreadLength -= start;
        return messages;
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
