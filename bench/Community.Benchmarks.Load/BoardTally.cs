using System.Text.Json;

namespace Community.Benchmarks.Load;

/// <summary>
/// A watcher's view of the board's dot counts, kept as a page keeps it: the snapshot from Watch, then every
/// `changes` message (whole cards, patches and short dot counts) in version order, and a fresh snapshot after a gap. Only the
/// correctness smoke keeps one; the sweep counts bytes and never parses.
/// </summary>
public sealed class BoardTally
{
    private readonly Dictionary<string, int> _dots = new(StringComparer.Ordinal);

    public long Version { get; private set; }

    /// <summary>Changes that came after a gap: the watcher asked for a snapshot again.</summary>
    public int Resyncs { get; private set; }

    public IReadOnlyDictionary<string, int> Dots => _dots;

    public void ApplySnapshot(JsonElement snapshot)
    {
        _dots.Clear();
        foreach (var card in snapshot.GetProperty("cards").EnumerateArray())
        {
            _dots[card.GetProperty("cardId").GetString()!] = card.GetProperty("dots").GetInt32();
        }

        Version = snapshot.GetProperty("version").GetInt64();
    }

    /// <summary>False when the message starts past this view's version: the caller takes a snapshot again.</summary>
    public bool TryApplyChanges(JsonElement changes)
    {
        if (changes.GetProperty("toVersion").GetInt64() <= Version)
        {
            return true;
        }

        if (changes.GetProperty("fromVersion").GetInt64() > Version)
        {
            Resyncs++;
            return false;
        }

        foreach (var list in (string[])["cards", "patches"])
        {
            if (changes.TryGetProperty(list, out var cards) && cards.ValueKind == JsonValueKind.Array)
            {
                foreach (var card in cards.EnumerateArray())
                {
                    if (card.TryGetProperty("dots", out var dots) && dots.ValueKind == JsonValueKind.Number)
                    {
                        _dots[card.GetProperty("cardId").GetString()!] = dots.GetInt32();
                    }
                }
            }
        }

        if (changes.TryGetProperty("dots", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            foreach (var count in counts.EnumerateObject())
            {
                _dots[count.Name] = count.Value.GetInt32();
            }
        }

        if (changes.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.Array)
        {
            foreach (var cardId in removed.EnumerateArray())
            {
                _dots.Remove(cardId.GetString()!);
            }
        }

        Version = changes.GetProperty("toVersion").GetInt64();
        return true;
    }
}
