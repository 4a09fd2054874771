using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

public sealed record ProposeCardRequest(string? Lane, string? Title, string? Description)
{
    public string? Title { get; init; } = UserText.Line(Title);

    public string? Description { get; init; } = UserText.Lines(Description);
}

/// <summary>Only the members given change.</summary>
public sealed record EditCardRequest(string? Title, string? Description, string? Lane, IReadOnlyList<string>? LinkedBoards)
{
    public string? Title { get; init; } = UserText.Line(Title);

    public string? Description { get; init; } = UserText.Lines(Description);
}

public sealed record DotsRequest(int? Dots);

public sealed record DotsResponse(int Dots, int Remaining, int CardDots);

public sealed record ScheduleRequest(string? SlotId, string? SpaceId);

public sealed record MergeRequest(string? IntoCardId);

public sealed record NotesRequest(string? Markdown);

public static class CardEndpoints
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 2_000;
    public const int NotesMaxLength = 20_000;
    public const int MaxDotsPerRequest = 100;
    private const int IdMaxLength = 64;

    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cards = endpoints.MapGroup("/api/meetings/{meetingId}/boards/{boardId}/cards")
            .WithTags("Cards")
            .RequireMeetingRole(Role.Participant)
            .RequireRateLimiting(RateLimits.Writes);

        cards.MapPost("", ProposeAsync).WithName("ProposeCard").WithSummary("Propose a topic (or add a card to a lane)").ProducesWriteProblems();
        cards.MapPatch("/{cardId}", EditAsync).WithName("EditCard").WithSummary("Author or facilitator: edit a card").ProducesWriteProblems();
        cards.MapDelete("/{cardId}", RemoveAsync)
            .WithName("RemoveCard").WithSummary("Author: withdraw the card; facilitator: hide it. Its dots go back to the voters").ProducesWriteProblems();
        cards.MapPut("/{cardId}/dots", SetDotsAsync)
            .WithName("SetDots").WithSummary("Set my dots on this card (idempotent); 409 over budget, over the card cap or when voting is closed").ProducesWriteProblems();
        cards.MapPut("/{cardId}/interest", (string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
                SetInterestAsync(meetingId, boardId, cardId, caller, grains, true))
            .WithName("MarkInterest").WithSummary("I'm interested").ProducesWriteProblems();
        cards.MapDelete("/{cardId}/interest", (string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
                SetInterestAsync(meetingId, boardId, cardId, caller, grains, false))
            .WithName("UnmarkInterest").WithSummary("No longer interested").ProducesWriteProblems();
        cards.MapPut("/{cardId}/presence", (string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
                SetPresenceAsync(meetingId, boardId, cardId, caller, grains, true))
            .WithName("MarkPresence").WithSummary("I'm here now (law of two feet)").ProducesWriteProblems();
        cards.MapDelete("/{cardId}/presence", (string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
                SetPresenceAsync(meetingId, boardId, cardId, caller, grains, false))
            .WithName("UnmarkPresence").WithSummary("I left this discussion").ProducesWriteProblems();
        cards.MapPut("/{cardId}/schedule", ScheduleAsync)
            .WithName("ScheduleCard").WithSummary("Facilitator: place the topic in a grid cell; 409 if the cell is taken or the convener is busy")
            .RequireMeetingRole(Role.Facilitator).ProducesWriteProblems();
        cards.MapDelete("/{cardId}/schedule", UnscheduleAsync)
            .WithName("UnscheduleCard").WithSummary("Facilitator: take the topic out of the grid")
            .RequireMeetingRole(Role.Facilitator).ProducesWriteProblems();
        cards.MapPost("/{cardId}/merge", MergeAsync)
            .WithName("MergeCard").WithSummary("Facilitator: merge a duplicate into another card; dots (within budgets), interest and notes move")
            .RequireMeetingRole(Role.Facilitator).ProducesWriteProblems();
        cards.MapGet("/{cardId}/notes", GetNotesAsync)
            .WithName("GetNotes").WithSummary("The discussion's notes and photos")
            .ProducesReadProblems();
        cards.MapPut("/{cardId}/notes", SetNotesAsync)
            .WithName("SetNotes").WithSummary("Author or facilitator: the discussion notes (Markdown)").ProducesWriteProblems();
        cards.MapPost("/{cardId}/notes/preview", PreviewNotesAsync)
            .WithName("PreviewNotes").WithSummary("The HTML these notes show as on the topic page and in the summary (changes nothing)")
            .ProducesWriteProblems();
        return endpoints;
    }

    private static async Task<Results<Created<CardView>, ValidationProblem>> ProposeAsync(
        string meetingId, string boardId, ProposeCardRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation()
            .Text("lane", request.Lane, IdMaxLength)
            .Text("title", request.Title, TitleMaxLength, required: true)
            .Text("description", request.Description, DescriptionMaxLength)
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        var card = await grains.Board(meetingId, boardId).Propose(caller.Actor, new CardDraft(request.Lane, request.Title!.Trim(), request.Description));
        return TypedResults.Created($"/api/meetings/{meetingId}/boards/{boardId}/cards/{card.CardId}", card);
    }

    private static async Task<Results<Ok<CardView>, ValidationProblem>> EditAsync(
        string meetingId, string boardId, string cardId, EditCardRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation()
            .Check(request.Title is null || !string.IsNullOrWhiteSpace(request.Title), "title", "Cannot be empty.")
            .Text("title", request.Title, TitleMaxLength)
            .Text("description", request.Description, DescriptionMaxLength)
            .Text("lane", request.Lane, IdMaxLength)
            .Each("linkedBoards", request.LinkedBoards, 50, (v, field, id) => v.Text(field, id, IdMaxLength, required: true))
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        var edit = new CardEdit { Title = request.Title?.Trim(), Description = request.Description, Lane = request.Lane, LinkedBoards = request.LinkedBoards };
        return TypedResults.Ok(await grains.Board(meetingId, boardId).Edit(caller.Actor, cardId, edit));
    }

    private static async Task<Ok<CardView>> RemoveAsync(string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).Remove(caller.Actor, cardId));

    private static async Task<Results<Ok<DotsResponse>, ValidationProblem>> SetDotsAsync(
        string meetingId, string boardId, string cardId, DotsRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation().Required("dots", request.Dots).Range("dots", request.Dots, 0, MaxDotsPerRequest).Problem();
        if (problem is not null)
        {
            return problem;
        }

        var result = await grains.Board(meetingId, boardId).SetDots(caller.Actor, cardId, request.Dots!.Value);
        return TypedResults.Ok(new DotsResponse(result.Dots, result.Remaining, result.CardDots));
    }

    private static async Task<Ok<CardView>> SetInterestAsync(string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains, bool interested) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).SetInterest(caller.Actor, cardId, interested));

    private static async Task<Ok<CardView>> SetPresenceAsync(string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains, bool present) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).SetPresence(caller.Actor, cardId, present));

    private static async Task<Results<Ok<CardView>, ValidationProblem>> ScheduleAsync(
        string meetingId, string boardId, string cardId, ScheduleRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation()
            .Text("slotId", request.SlotId, IdMaxLength, required: true)
            .Text("spaceId", request.SpaceId, IdMaxLength, required: true)
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Board(meetingId, boardId).Schedule(caller.Actor, cardId, new Placement(request.SlotId!, request.SpaceId!)));
    }

    private static async Task<Ok<CardView>> UnscheduleAsync(string meetingId, string boardId, string cardId, Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Board(meetingId, boardId).Unschedule(caller.Actor, cardId));

    private static async Task<Results<Ok<CardView>, ValidationProblem>> MergeAsync(
        string meetingId, string boardId, string cardId, MergeRequest request, Caller caller, IGrainFactory grains)
    {
        var problem = new Validation()
            .Text("intoCardId", request.IntoCardId, IdMaxLength, required: true)
            .Check(request.IntoCardId != cardId, "intoCardId", "A card cannot be merged into itself.")
            .Problem();
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Board(meetingId, boardId).Merge(caller.Actor, cardId, request.IntoCardId!));
    }

    private static async Task<Ok<CardDiscussion>> GetNotesAsync(string meetingId, string boardId, string cardId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Discussion(meetingId, boardId, cardId).Get());

    private static async Task<Results<Ok<CardDiscussion>, ValidationProblem>> SetNotesAsync(
        string meetingId, string boardId, string cardId, NotesRequest request, Caller caller, IGrainFactory grains)
    {
        if (SummaryEndpoints.ValidateMarkdown(new Validation(), request.Markdown, NotesMaxLength).Problem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Discussion(meetingId, boardId, cardId).SetNotes(caller.Actor, request.Markdown!));
    }

    // The same renderer, limits and gate as the summary's preview and publishing, so notes look the same everywhere.
    private static Task<Results<Ok<SummaryPreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewNotesAsync(
        NotesRequest request, HttpContext context, [FromKeyedServices(CpuGate.Markdown)] CpuGate renderers, CancellationToken cancellationToken) =>
        SummaryEndpoints.RenderPreviewAsync(request.Markdown, NotesMaxLength, context, renderers, cancellationToken);
}
