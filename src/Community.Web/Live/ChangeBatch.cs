using Community.Grains.Abstractions;

namespace Community.Web.Live;

/// <summary>
/// One coalescing window's worth of board changes. Changes are added in version order: a later whole card replaces
/// whatever came before, a later patch is applied to an earlier whole card (a card new in this window goes out whole,
/// with its latest counts) or folded into an earlier patch. Not thread-safe: the relay guards it.
/// </summary>
internal sealed class ChangeBatch(string boardId)
{
    private readonly Dictionary<string, CardView> _cards = [];
    private readonly Dictionary<string, CardPatch> _patches = [];
    private readonly HashSet<string> _removed = [];
    private long _fromVersion;
    private long _toVersion;
    private BoardState _state;
    private RoundTimer? _round;
    private bool _dotsHidden;
    private bool _hasChanges;
    private bool _incomplete;

    public bool HasChanges => _hasChanges;

    public void Add(BoardChanges changes)
    {
        if (!_hasChanges)
        {
            _fromVersion = changes.FromVersion;
            _hasChanges = true;
        }

        foreach (var card in changes.Cards)
        {
            _cards[card.CardId] = card;
            _patches.Remove(card.CardId);
            _removed.Remove(card.CardId);
        }

        foreach (var patch in changes.Patches)
        {
            if (_cards.TryGetValue(patch.CardId, out var card))
            {
                _cards[patch.CardId] = patch.ApplyTo(card);
            }
            else
            {
                _patches[patch.CardId] = _patches.TryGetValue(patch.CardId, out var earlier) ? earlier.Then(patch) : patch;
            }
        }

        foreach (var cardId in changes.Removed)
        {
            _cards.Remove(cardId);
            _patches.Remove(cardId);
            _removed.Add(cardId);
        }

        _toVersion = changes.ToVersion;
        _state = changes.State;
        _round = changes.Round;
        _dotsHidden = changes.DotsHidden;
    }

    /// <summary>Changes up to <paramref name="version"/> were lost on the way: watchers must fetch a snapshot.</summary>
    public void MarkIncomplete(long version)
    {
        _incomplete = true;
        _hasChanges = true;
        _toVersion = Math.Max(_toVersion, version);
    }

    /// <summary>The message that tells watchers about this batch: the changes themselves, or a resync when they do not fit.</summary>
    public (string Method, object Message) ToMessage(int watchers, int maxCards)
    {
        if (_incomplete || _cards.Count + _patches.Count + _removed.Count > maxCards)
        {
            return (LiveMessages.Resync, new ResyncMessage(boardId, _toVersion));
        }

        // A patch that only moves a count goes in the short form, card id to count: half the bytes of a patch.
        var byShape = _patches.Values.ToLookup(IsDotsOnly);
        var dots = byShape[true].ToDictionary(patch => patch.CardId, patch => patch.Dots!.Value, StringComparer.Ordinal);
        return (LiveMessages.Changes, new BoardChangesMessage(
            boardId, _fromVersion, _toVersion, [.. _cards.Values], [.. byShape[false]], [.. _removed], _state, _round,
            watchers, _dotsHidden, dots.Count > 0 ? dots : null));
    }

    private static bool IsDotsOnly(CardPatch patch) => patch.Dots is not null && patch == new CardPatch { CardId = patch.CardId, Dots = patch.Dots };
}
