using Community.Grains.Abstractions;

namespace Community.Web.Live;

/// <summary>The names of the messages the server sends to watchers (the client registers handlers by these names).</summary>
public static class LiveMessages
{
    public const string Changes = "changes";
    public const string Resync = "resync";
    public const string Watchers = "watchers";
}

/// <summary>
/// Everything that changed on a board from <see cref="FromVersion"/> to <see cref="ToVersion"/>, coalesced over one
/// window: each changed card once, as it now is. A client at version v applies it when FromVersion &lt;= v &lt; ToVersion,
/// ignores it when ToVersion &lt;= v, and calls Watch again when FromVersion &gt; v (it missed something).
/// While <see cref="DotsHidden"/>, participants get the cards with 0 dots; when it turns false, they call Watch again for the counts.
/// </summary>
public sealed record BoardChangesMessage(
    string BoardId,
    long FromVersion,
    long ToVersion,
    IReadOnlyList<CardView> Cards,
    IReadOnlyList<string> Removed,
    BoardState State,
    RoundTimer? Round,
    int Watchers,
    bool DotsHidden = false);

/// <summary>Too much changed to send, or the relay missed changes: call Watch again and replace the board.</summary>
public sealed record ResyncMessage(string BoardId, long Version);

/// <summary>How many people watch the board now, across all web nodes.</summary>
public sealed record WatchersMessage(string BoardId, int Watchers);
