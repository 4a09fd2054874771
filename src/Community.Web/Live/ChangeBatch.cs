using Community.Grains.Abstractions;

namespace Community.Web.Live;

/// <summary>
/// One coalescing window's worth of board changes. Changes are added in version order, so a later change of a card
/// simply replaces the earlier one. Not thread-safe: the relay guards it.
/// </summary>
internal sealed class ChangeBatch(string boardId)
{
    private readonly Dictionary<string, CardView> _cards = [];
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
            _removed.Remove(card.CardId);
        }

        foreach (var cardId in changes.Removed)
        {
            _cards.Remove(cardId);
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
        if (_incomplete || _cards.Count + _removed.Count > maxCards)
        {
            return (LiveMessages.Resync, new ResyncMessage(boardId, _toVersion));
        }

        return (LiveMessages.Changes, new BoardChangesMessage(
            boardId, _fromVersion, _toVersion, [.. _cards.Values], [.. _removed], _state, _round, watchers, _dotsHidden));
    }
}
