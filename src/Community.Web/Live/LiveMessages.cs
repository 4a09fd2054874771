using System.Text.Json.Serialization;
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
/// window, each changed card once: <see cref="Cards"/> whole for cards new to a client at FromVersion or whose text
/// changed, <see cref="Dots"/> (card id to count) for known cards whose only change is their dot count, the hot
/// board's bulk, <see cref="Patches"/> with only the changed counts, status, placement or lane for the other cards,
/// and <see cref="Removed"/> for cards that left the board. A client at version v applies it when FromVersion &lt;= v
/// &lt; ToVersion, ignores it when ToVersion &lt;= v, and calls Watch again when FromVersion &gt; v (it missed
/// something) or when a patch or a count names a card it does not hold. While <see cref="DotsHidden"/>, participants
/// get no dot counts (cards with 0 dots, patches without dots, no <see cref="Dots"/>); when it changes, clients call
/// Watch again for the right counts. <see cref="Round"/> is left out when no round runs, DotsHidden when false.
/// </summary>
public sealed record BoardChangesMessage(
    string BoardId,
    long FromVersion,
    long ToVersion,
    IReadOnlyList<CardView> Cards,
    IReadOnlyList<CardPatch> Patches,
    IReadOnlyList<string> Removed,
    BoardState State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RoundTimer? Round,
    int Watchers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DotsHidden = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? Dots = null)
{
    /// <summary>The patches and the short dot counts together, as patches: what a client applies to the cards it holds.</summary>
    public IEnumerable<CardPatch> AllPatches() =>
        Patches.Concat((Dots ?? EmptyDots).Select(count => new CardPatch { CardId = count.Key, Dots = count.Value }));

    private static readonly Dictionary<string, int> EmptyDots = [];
}

/// <summary>Too much changed to send, or the relay missed changes: call Watch again and replace the board.</summary>
public sealed record ResyncMessage(string BoardId, long Version);

/// <summary>How many people watch the board now, across all web nodes.</summary>
public sealed record WatchersMessage(string BoardId, int Watchers);
