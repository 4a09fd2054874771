using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>A time slot of the open-space grid; the id is made up when not given.</summary>
public sealed record SlotRequest(string? Id, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Label)
{
    public string? Label { get; init; } = UserText.Line(Label);
}

/// <summary>A room or corner of the open-space grid; the id is made up when not given.</summary>
public sealed record SpaceRequest(string? Id, string? Name, int? Capacity, string? OnlineLink)
{
    public string? Name { get; init; } = UserText.Line(Name);
}

public sealed record LaneRequest(string? Id, string? Title)
{
    public string? Title { get; init; } = UserText.Line(Title);
}

public sealed record CreateBoardRequest(
    BoardKind? Kind,
    string? Title,
    IReadOnlyList<LaneRequest>? Lanes,
    IReadOnlyList<SlotRequest>? Slots,
    IReadOnlyList<SpaceRequest>? Spaces,
    string? Region,
    IReadOnlyList<string>? Countries,
    int? DotsPerParticipant,
    int? MaxDotsPerCard)
{
    public string? Title { get; init; } = UserText.Line(Title);

    public string? Region { get; init; } = UserText.Line(Region);
}

public sealed record BoardStateRequest(BoardState? State);

public sealed record RoundRequest(string? Label, int? Minutes)
{
    public string? Label { get; init; } = UserText.Line(Label);
}

public static class BoardEndpoints
{
    private const int IdMaxLength = 64;

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var boards = endpoints.MapGroup("/api/meetings/{meetingId}/boards").WithTags("Boards").RequireRateLimiting(RateLimits.Writes);

        boards.MapPost("", CreateAsync)
            .WithName("CreateBoard")
            .WithSummary("Organiser: add an open-space or glocal board to the meeting")
            .RequireMeetingRole(Role.Organiser)
            .ProducesWriteProblems();

        boards.MapGet("/{boardId}", GetAsync)
            .WithName("GetBoard")
            .WithSummary("Participant: the board at its current version, with my dots")
            .RequireMeetingRole(Role.Participant)
            .ProducesReadProblems();

        boards.MapPut("/{boardId}/state", SetStateAsync)
            .WithName("SetBoardState")
            .WithSummary("Facilitator: open the board, close voting, or lock it")
            .RequireMeetingRole(Role.Facilitator)
            .ProducesWriteProblems();

        boards.MapPut("/{boardId}/round", StartRoundAsync)
            .WithName("StartRound")
            .WithSummary("Facilitator: start a timed round everyone sees counting down")
            .RequireMeetingRole(Role.Facilitator)
            .ProducesWriteProblems();

        boards.MapDelete("/{boardId}/round", StopRoundAsync)
            .WithName("StopRound")
            .WithSummary("Facilitator: stop the running round")
            .RequireMeetingRole(Role.Facilitator)
            .ProducesWriteProblems();

        return endpoints;
    }

    private static async Task<Results<Created<BoardSummary>, ValidationProblem>> CreateAsync(
        string meetingId, CreateBoardRequest request, Caller caller, IGrainFactory grains)
    {
        var dots = request.DotsPerParticipant ?? new BoardDefinition().DotsPerParticipant;
        var validation = new Validation()
            .Required("kind", request.Kind)
            .Text("title", request.Title, CardEndpoints.TitleMaxLength, required: true)
            .Range("dotsPerParticipant", request.DotsPerParticipant, 1, 100)
            .Range("maxDotsPerCard", request.MaxDotsPerCard, 1, dots)
            .Each("lanes", request.Lanes, 20, (v, field, lane) => v.Text($"{field}.id", lane.Id, IdMaxLength).Text($"{field}.title", lane.Title, 60, required: true))
            .Each("slots", request.Slots, 100, (v, field, slot) => v
                .Text($"{field}.id", slot.Id, IdMaxLength)
                .Required($"{field}.startsAt", slot.StartsAt)
                .Required($"{field}.endsAt", slot.EndsAt)
                .Check(slot.StartsAt is null || slot.EndsAt is null || slot.StartsAt < slot.EndsAt, $"{field}.endsAt", "After startsAt.")
                .Text($"{field}.label", slot.Label, 60))
            .Each("spaces", request.Spaces, 100, (v, field, space) => v
                .Text($"{field}.id", space.Id, IdMaxLength)
                .Text($"{field}.name", space.Name, 60, required: true)
                .Range($"{field}.capacity", space.Capacity, 1, 100_000)
                .Link($"{field}.onlineLink", space.OnlineLink))
            .Text("region", request.Region, 100, required: request.Kind == BoardKind.Glocal)
            .Each("countries", request.Countries, 100, (v, field, country) => v.Country(field, country))
            .Check(request.Kind != BoardKind.OpenSpace || (request.Region is null && request.Countries is null), "region", "Only glocal boards have a region.")
            .Check(request.Kind != BoardKind.Glocal || (request.Slots is null && request.Spaces is null), "slots", "Only open-space boards have a grid.");
        CheckUniqueIds(validation, "lanes", request.Lanes?.Select(lane => lane?.Id));
        CheckUniqueIds(validation, "slots", request.Slots?.Select(slot => slot?.Id));
        CheckUniqueIds(validation, "spaces", request.Spaces?.Select(space => space?.Id));
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var definition = new BoardDefinition
        {
            Kind = request.Kind!.Value,
            Title = request.Title!.Trim(),
            Lanes = [.. (request.Lanes ?? []).Select((lane, index) => new Lane(lane.Id ?? $"lane-{index + 1}", lane.Title!.Trim()))],
            Slots = [.. (request.Slots ?? []).Select((slot, index) => new Slot(slot.Id ?? $"slot-{index + 1}", slot.StartsAt!.Value, slot.EndsAt!.Value, slot.Label ?? ""))],
            Spaces = [.. (request.Spaces ?? []).Select((space, index) => new Space(space.Id ?? $"space-{index + 1}", space.Name!.Trim(), space.Capacity, space.OnlineLink))],
            Region = request.Region is null ? null : new Region(request.Region.Trim(), request.Countries ?? []),
            DotsPerParticipant = dots,
            MaxDotsPerCard = request.MaxDotsPerCard ?? new BoardDefinition().MaxDotsPerCard,
        };
        var board = await grains.Meeting(meetingId).AddBoard(caller.Actor, definition);
        return TypedResults.Created($"/api/meetings/{meetingId}/boards/{board.BoardId}", board);
    }

    private static async Task<Ok<BoardSnapshot>> GetAsync(string meetingId, string boardId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).GetSnapshot(caller.Actor.ParticipantId));

    private static async Task<Results<Ok<BoardSnapshot>, ValidationProblem>> SetStateAsync(
        string meetingId, string boardId, BoardStateRequest request, Caller caller, IGrainFactory grains)
    {
        if (new Validation().Required("state", request.State).Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Board(meetingId, boardId).SetState(caller.Actor, request.State!.Value));
    }

    private static async Task<Results<Ok<BoardSnapshot>, ValidationProblem>> StartRoundAsync(
        string meetingId, string boardId, RoundRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation()
            .Text("label", request.Label, 60, required: true)
            .Required("minutes", request.Minutes)
            .Range("minutes", request.Minutes, 1, 240)
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Board(meetingId, boardId).StartRound(caller.Actor, request.Label!, TimeSpan.FromMinutes(request.Minutes!.Value)));
    }

    private static async Task<Ok<BoardSnapshot>> StopRoundAsync(string meetingId, string boardId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).StopRound(caller.Actor));

    private static void CheckUniqueIds(Validation validation, string field, IEnumerable<string?>? ids) =>
        validation.Check(ids is null || ids.OfType<string>().GroupBy(id => id, StringComparer.Ordinal).All(group => group.Count() == 1), field, "Ids must be unique.");
}
