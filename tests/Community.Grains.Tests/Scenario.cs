using System.Text.Json;
using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

/// <summary>A fresh meeting per test (unique ids keep tests apart on one cluster), and the people in it.</summary>
public sealed class Scenario(IGrainFactory grains, string meetingId, Actor organiser)
{
    public IGrainFactory Grains { get; } = grains;

    public string MeetingId { get; } = meetingId;

    public Actor Organiser { get; } = organiser;

    public Actor Facilitator { get; } = new(NewId(), "Fran Facilitator", Role.Facilitator);

    public IMeetingGrain Meeting => Grains.GetGrain<IMeetingGrain>(MeetingId);

    public static async Task<Scenario> StartAsync(IGrainFactory grains)
    {
        var meetingId = NewId();
        var created = await grains.GetGrain<IMeetingGrain>(meetingId).Create(Details());
        return new Scenario(grains, meetingId, new Actor(created.OrganiserId, "Olga Organiser", Role.Organiser));
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static MeetingDetails Details() => new()
    {
        Title = "EU Code Week Community Meeting",
        Description = "Open space and **glocal** groups.",
        StartsAt = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.FromHours(3)),
        EndsAt = new DateTimeOffset(2025, 4, 3, 18, 0, 0, TimeSpan.FromHours(3)),
        TimeZone = "Europe/Sofia",
        City = "Sofia",
        Country = "BG",
        Tags = ["codeweek2025"],
        Languages = ["en", "bg"],
    };

    public static Actor Participant(string name = "Pat Participant") => new(NewId(), name, Role.Participant);

    /// <summary>An invite that lasts a day, without a use limit.</summary>
    public static InviteTerms Invite(Role role, params string[] boardIds) => new(role, boardIds, DateTimeOffset.UtcNow.AddDays(1), null);

    /// <summary>Registers a person in the meeting (as a join does) and returns them as an actor.</summary>
    public async Task<Actor> JoinAsync(string name, Role role = Role.Participant)
    {
        var actor = new Actor(NewId(), name, role);
        await Grains.GetGrain<IParticipantGrain>(Keys.Participant(MeetingId, actor.ParticipantId))
            .Register(new ParticipantProfile(actor.ParticipantId, name, null, role, DateTimeOffset.UtcNow));
        return actor;
    }

    public static readonly BoardDefinition OpenSpace = new()
    {
        Kind = BoardKind.OpenSpace,
        Title = "Marketplace",
        Slots =
        [
            new("s1", new DateTimeOffset(2025, 4, 3, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 3, 11, 0, 0, TimeSpan.Zero), "10:00"),
            new("s2", new DateTimeOffset(2025, 4, 3, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 3, 12, 0, 0, TimeSpan.Zero), "11:00"),
        ],
        Spaces = [new("room-a", "Room A", 30, null), new("room-b", "Room B", null, "https://meet.example.org/b")],
    };

    public static readonly BoardDefinition Glocal = new()
    {
        Kind = BoardKind.Glocal,
        Title = "Balkans",
        Region = new Region("Balkans", ["BG", "RO", "GR", "HR", "RS"]),
    };

    public async Task<IBoardGrain> BoardAsync(BoardDefinition? definition = null)
    {
        var summary = await Meeting.AddBoard(Organiser, definition ?? OpenSpace);
        return Board(summary.BoardId);
    }

    public IBoardGrain Board(string boardId) => Grains.GetGrain<IBoardGrain>(Keys.Board(MeetingId, boardId));

    public ICardDiscussionGrain Discussion(BoardSnapshot board, string cardId) =>
        Grains.GetGrain<ICardDiscussionGrain>(Keys.Card(MeetingId, board.BoardId, cardId));

    /// <summary>Records compare lists by reference; their JSON compares by value.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

public static class Refusals
{
    /// <summary>The call is refused with the given error (and field, when given).</summary>
    public static async Task<DomainException> Refused(DomainError error, Func<Task> call, string? field = null)
    {
        var exception = await Assert.ThrowsAsync<DomainException>(call);
        Assert.Equal(error, exception.Error);
        if (field is not null)
        {
            Assert.Equal(field, exception.Field);
        }

        return exception;
    }
}
