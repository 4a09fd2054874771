using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Community.Hosting.Tests;

/// <summary>
/// Follows a board's version as the pages do: the snapshot from Watch, then each "changes" message, and Watch
/// again after a reconnect. Its own connection, so a proxy may place it on either node.
/// </summary>
internal sealed class WatchingPhone : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private long _version;

    private WatchingPhone(HubConnection connection) => _connection = connection;

    public long Version => Interlocked.Read(ref _version);

    public int Reconnections { get; private set; }

    public static async Task<WatchingPhone> WatchAsync(string webUrl, string token, string meetingId, string boardId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{webUrl}/hubs/live?access_token={Uri.EscapeDataString(token)}")
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)])
            .Build();
        var phone = new WatchingPhone(connection);
        connection.On<JsonElement>("changes", changes => phone.Advance(changes.GetProperty("toVersion").GetInt64()));
        connection.Reconnected += async _ =>
        {
            phone.Reconnections++;
            await phone.WatchAsync(meetingId, boardId);
        };
        await connection.StartAsync();
        await phone.WatchAsync(meetingId, boardId);
        return phone;
    }

    private async Task WatchAsync(string meetingId, string boardId) =>
        Advance((await _connection.InvokeAsync<JsonElement>("Watch", meetingId, boardId)).GetProperty("version").GetInt64());

    private void Advance(long version)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _version);
        }
        while (version > seen && Interlocked.CompareExchange(ref _version, version, seen) != seen);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
