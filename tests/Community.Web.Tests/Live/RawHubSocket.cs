using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Community.Web.Tests.Live;

/// <summary>
/// A bare WebSocket to the live hub speaking just enough of SignalR's JSON protocol to watch a board, so a test can
/// misbehave (stop reading) and a measurement can see the exact bytes of every message.
/// </summary>
public sealed class RawHubSocket : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _unread = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    private RawHubSocket(ClientWebSocket socket) => _socket = socket;

    /// <summary>Connects with the token on the query string, watches the board and waits for Watch's answer.</summary>
    /// <param name="receiveBufferSize">The socket's receive buffer; small makes a non-reading client back up fast.</param>
    public static async Task<RawHubSocket> WatchAsync(Uri baseAddress, string token, string meetingId, string boardId, int? receiveBufferSize = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferSize is { } size)
                {
                    socket.ReceiveBufferSize = size;
                }

                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/live", Query = $"access_token={Uri.EscapeDataString(token)}" };
        var client = new ClientWebSocket();
        await client.ConnectAsync(url.Uri, new HttpMessageInvoker(handler), CancellationToken.None);
        var hub = new RawHubSocket(client);
        await hub.SendAsync("""{"protocol":"json","version":1}""");
        await hub.SendAsync($$"""{"type":1,"invocationId":"watch","target":"Watch","arguments":["{{meetingId}}","{{boardId}}"]}""");
        await foreach (var message in hub.ReadAsync(CancellationToken.None))
        {
            if (message.Contains("\"invocationId\":\"watch\"", StringComparison.Ordinal))
            {
                return message.Contains("\"error\"", StringComparison.Ordinal)
                    ? throw new InvalidOperationException($"Watch was refused: {message}")
                    : hub;
            }
        }

        throw new InvalidOperationException("The hub closed the connection before answering Watch.");
    }

    public Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>SignalR messages as they arrive (without the record separator), until the server closes.</summary>
    public async IAsyncEnumerable<string> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            _unread.Append(Encoding.UTF8.GetString(_buffer, 0, read.Count));
            var text = _unread.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end < 0)
            {
                continue;
            }

            _unread.Clear().Append(text[(end + 1)..]);
            foreach (var message in text[..end].Split(RecordSeparator))
            {
                yield return message;
            }
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
