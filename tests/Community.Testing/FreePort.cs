using System.Net;
using System.Net.Sockets;

namespace Community.Testing;

public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999): a port the OS picks for "port 0" comes from that range, which
    // outgoing connections (to Azurite, Redis, a gateway) also draw from, so between picking it and a child process
    // binding it an outgoing connection could take it. Ports below it are never handed out that way.
    private const int First = 20_000;
    private const int Last = 32_000;

    // Where this process goes on looking: a random start keeps two test processes apart, the counter never repeats.
    private static int _next = Random.Shared.Next(First, Last);

    /// <summary>A loopback port nobody listens on right now, never handed out twice by this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds} s. {diagnostics?.Invoke()}");
    }
}
