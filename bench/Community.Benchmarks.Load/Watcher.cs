using System.Net.WebSockets;
using System.Text;

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

    private Watcher(ClientWebSocket socket) => _socket = socket;

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public static async Task<Watcher> ConnectAsync(HttpMessageInvoker invoker, Uri baseAddress, string token, string meetingId, string boardId)
    {
        var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/live", Query = $"access_token={Uri.EscapeDataString(token)}" };
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url.Uri, invoker, CancellationToken.None);
        var watcher = new Watcher(socket);
        await watcher.SendAsync("""{"protocol":"json","version":1}""");
        await watcher.SendAsync($$"""{"type":1,"invocationId":"watch","target":"Watch","arguments":["{{meetingId}}","{{boardId}}"]}""");
        // The handshake answer, then Watch's completion (the snapshot): wait for the completion before counting.
        var answered = false;
        while (!answered)
        {
            foreach (var message in await watcher.ReceiveMessagesAsync(CancellationToken.None))
            {
                var text = Encoding.UTF8.GetString(message);
                if (text.Contains("\"invocationId\":\"watch\"", StringComparison.Ordinal))
                {
                    answered = !text.Contains("\"error\"", StringComparison.Ordinal)
                        ? true
                        : throw new InvalidOperationException($"Watch was refused: {text}");
                }
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
