using System.Collections.Immutable;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>Participants after the event: the total and, as campaigns ask, counts by age band and by gender.</summary>
public sealed record FiguresRequest(int? Participants, IReadOnlyDictionary<string, int>? ByAgeBand, IReadOnlyDictionary<string, int>? ByGender);

/// <summary>The figures as they stand and every change to them, oldest first.</summary>
public sealed record FiguresResponse(ParticipantFigures? Figures, IReadOnlyList<ListingAuditEntry> History)
{
    public static FiguresResponse From(ListingView listing) =>
        new(listing.Figures, listing.Audit.Where(entry => entry.Action == "figures").ToList());
}

/// <summary>The organiser reports (and later corrects) a meeting's participant figures; every change is audited by its listing.</summary>
public static class FiguresEndpoints
{
    public const int MaxParticipants = 1_000_000;

    public static IEndpointRouteBuilder MapFiguresEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var figures = endpoints.MapGroup("/api/meetings/{meetingId}/figures").WithTags("Directory")
            .RequireMeetingRole(Role.Organiser);
        figures.MapGet("", GetAsync)
            .WithName("GetFigures").WithSummary("Organiser: the participant figures reported after the event and their change history")
            .ProducesReadProblems();
        figures.MapPut("", PutAsync)
            .WithName("ReportFigures").WithSummary("Organiser: report or correct the participant figures (each change is audited)")
            .ProducesWriteProblems();
        return endpoints;
    }

    private static async Task<Ok<FiguresResponse>> GetAsync(string meetingId, IGrainFactory grains)
    {
        await grains.Meeting(meetingId).Get();
        return TypedResults.Ok(FiguresResponse.From(await grains.GetGrain<IListingGrain>(meetingId).Get()));
    }

    private static async Task<Results<Ok<FiguresResponse>, ValidationProblem>> PutAsync(
        string meetingId, FiguresRequest request, Caller caller, IGrainFactory grains)
    {
        var (figures, validation) = Read(request);
        if (figures is null)
        {
            return validation.Problem()!;
        }

        var listing = await grains.GetGrain<IListingGrain>(meetingId).ReportFigures(caller.Actor, figures);
        return TypedResults.Ok(FiguresResponse.From(listing));
    }

    /// <summary>The figures, or null with what is wrong field by field (the console's form reads them the same way).</summary>
    internal static (ParticipantFigures? Figures, Validation Validation) Read(FiguresRequest request)
    {
        var validation = new Validation()
            .Required("participants", request.Participants)
            .Range("participants", request.Participants, 0, MaxParticipants);
        var participants = request.Participants ?? 0;
        Breakdown(validation, "byAgeBand", request.ByAgeBand, FigureKeys.AgeBands, participants);
        Breakdown(validation, "byGender", request.ByGender, FigureKeys.Genders, participants);
        if (validation.Problem() is not null)
        {
            return (null, validation);
        }

        return (new ParticipantFigures
        {
            Participants = participants,
            ByAgeBand = (request.ByAgeBand ?? ImmutableDictionary<string, int>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal),
            ByGender = (request.ByGender ?? ImmutableDictionary<string, int>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal),
        }, validation);
    }

    private static void Breakdown(Validation validation, string field, IReadOnlyDictionary<string, int>? counts, ImmutableArray<string> keys, int participants)
    {
        if (counts is null)
        {
            return;
        }

        foreach (var (key, count) in counts)
        {
            validation
                .Check(keys.Contains(key), $"{field}.{key}", $"One of {string.Join(", ", keys)}.")
                .Range($"{field}.{key}", count, 0, MaxParticipants);
        }

        validation.Check(counts.Values.Sum(count => (long)count) <= participants, field, "Adds up to more than participants.");
    }
}
