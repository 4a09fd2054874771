namespace Community.Grains.Abstractions;

/// <summary>
/// What a participant sees of a card while a board hides dot counts: everything but the count. The board grain
/// answers participants through it and the web's relays send participants the changes through it.
/// </summary>
public static class DotVisibility
{
    public static bool SeesCounts(Actor actor) => actor.IsAtLeast(Role.Facilitator);

    public static CardView WithoutCount(CardView card) => card with { Dots = 0 };

    public static CardView For(Actor actor, CardView card, bool hidden) => hidden && !SeesCounts(actor) ? WithoutCount(card) : card;
}
