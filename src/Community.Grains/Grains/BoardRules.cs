using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>What makes a board definition valid, and the lanes each kind starts with.</summary>
internal static class BoardRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 2_000;

    public static readonly IReadOnlyList<Lane> OpenSpaceLanes = [new("topics", "Topics")];

    public static readonly IReadOnlyList<Lane> GlocalLanes =
    [
        new("priorities", "Priorities"),
        new("struggles", "Struggles"),
        new("successStories", "Success stories"),
        new("collaborationIdeas", "Collaboration ideas"),
    ];

    /// <summary>The definition as the board stores it: trimmed, with default lanes filled in.</summary>
    public static BoardDefinition Normalize(BoardDefinition definition)
    {
        if (definition.DotsPerParticipant is < 1 or > 100)
        {
            throw Rules.Invalid("dotsPerParticipant", "dotsPerParticipant must be 1 to 100.");
        }

        if (definition.MaxDotsPerCard < 1 || definition.MaxDotsPerCard > definition.DotsPerParticipant)
        {
            throw Rules.Invalid("maxDotsPerCard", "maxDotsPerCard must be at least 1 and at most dotsPerParticipant.");
        }

        Rules.AtMost(definition.Lanes, 20, "lanes");
        Rules.AtMost(definition.Slots, 100, "slots");
        Rules.AtMost(definition.Spaces, 200, "spaces");
        var lanes = definition.Lanes.Count == 0
            ? DefaultLanes(definition.Kind)
            : definition.Lanes.Select((lane, index) => new Lane(
                Rules.Slug(lane.Id, $"lanes[{index}].id"),
                Rules.Text(lane.Title, $"lanes[{index}].title", 1, 60))).ToList();
        Rules.Unique(lanes, lane => lane.Id, "lanes");
        var slots = definition.Slots.Select(Slot).ToList();
        Rules.Unique(slots, slot => slot.Id, "slots");
        var spaces = definition.Spaces.Select(Space).ToList();
        Rules.Unique(spaces, space => space.Id, "spaces");

        return definition with
        {
            Kind = Enum.IsDefined(definition.Kind) ? definition.Kind : throw Rules.Invalid("kind", "kind must be openSpace or glocal."),
            Title = Rules.Text(definition.Title, "title", 1, MaxTitle),
            Lanes = lanes,
            Slots = slots,
            Spaces = spaces,
            Region = Region(definition.Kind, definition.Region),
        };
    }

    private static IReadOnlyList<Lane> DefaultLanes(BoardKind kind) => kind == BoardKind.Glocal ? GlocalLanes : OpenSpaceLanes;

    private static Slot Slot(Slot slot, int index)
    {
        if (slot.EndsAt <= slot.StartsAt)
        {
            throw Rules.Invalid($"slots[{index}].endsAt", "A slot must end after it starts.");
        }

        return slot with
        {
            Id = Rules.Slug(slot.Id, $"slots[{index}].id"),
            Label = Rules.Text(slot.Label, $"slots[{index}].label", 0, 60),
        };
    }

    private static Space Space(Space space, int index)
    {
        if (space.Capacity is < 1)
        {
            throw Rules.Invalid($"spaces[{index}].capacity", "A space's capacity must be at least 1 when given.");
        }

        return space with
        {
            Id = Rules.Slug(space.Id, $"spaces[{index}].id"),
            Name = Rules.Text(space.Name, $"spaces[{index}].name", 1, 60),
            OnlineLink = Rules.OptionalLink(space.OnlineLink, $"spaces[{index}].onlineLink"),
        };
    }

    /// <summary>A glocal board is about a region; an open-space board has none.</summary>
    private static Region? Region(BoardKind kind, Region? region)
    {
        if (kind != BoardKind.Glocal)
        {
            return region is null ? null : throw Rules.Invalid("region", "Only glocal boards have a region.");
        }

        if (region is null)
        {
            throw Rules.Invalid("region", "A glocal board needs a region with its countries.");
        }

        if (region.Countries is not { Count: > 0 and <= 100 })
        {
            throw Rules.Invalid("region.countries", "A region lists 1 to 100 countries.");
        }

        var countries = region.Countries.Select((country, index) => Rules.Country(country, $"region.countries[{index}]")).ToList();
        if (countries.Distinct().Count() != countries.Count)
        {
            throw Rules.Invalid("region.countries", "A region lists each country once.");
        }

        return new Region(Rules.Text(region.Name, "region.name", 1, 60), countries);
    }
}
