using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record MeetingRecord
{
    [Id(0)] public bool Created { get; init; }
    [Id(1)] public MeetingDetails Details { get; init; } = new();
    [Id(2)] public MeetingState State { get; init; }
    [Id(3)] public string JoinCode { get; init; } = "";
    [Id(4)] public string OrganiserId { get; init; } = "";
    [Id(5)] public IReadOnlyList<BoardSummary> Boards { get; init; } = [];
    [Id(6)] public IReadOnlyList<Invite> Invites { get; init; } = [];
    [Id(7)] public long Version { get; init; }
}

/// <summary>
/// The one writer of a meeting's details, state, board list and invites. Joins do not come here: participants
/// are their own grains, so this grain only writes when an organiser changes something.
/// </summary>
internal sealed class MeetingGrain(
    [PersistentState(MeetingGrain.StateName)] IPersistentState<MeetingRecord> meeting) : Grain, IMeetingGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "meeting";

    private const int MaxBoards = 100;
    private const int MaxInvites = 200;
    private const int CodeAttempts = 20;

    private string MeetingId => this.GetPrimaryKeyString();

    public async Task<MeetingCreated> Create(MeetingDetails details)
    {
        Rules.Require(!meeting.State.Created, DomainError.Conflict, $"Meeting {MeetingId} already exists.");
        Rules.Require(!MeetingId.Contains('/'), DomainError.Invalid, "A meeting id cannot contain '/'.", "meetingId");
        var validated = MeetingRules.Validate(details);
        var joinCode = await ClaimFreshCode(new CodeTarget(MeetingId, Role.Participant, []));
        var organiserId = Ids.NewParticipantId();
        await GrainFactory.GetGrain<IParticipantGrain>(Keys.Participant(MeetingId, organiserId))
            .Register(new ParticipantProfile(organiserId, "Organiser", validated.Country, Role.Organiser, DateTimeOffset.UtcNow));

        await Save(meeting.State with
        {
            Created = true,
            Details = validated,
            State = MeetingState.Draft,
            JoinCode = joinCode,
            OrganiserId = organiserId,
        });
        return new MeetingCreated(View(), organiserId);
    }

    public Task<MeetingView> Get()
    {
        EnsureCreated();
        return Task.FromResult(View());
    }

    public async Task<MeetingView> Update(Actor actor, MeetingPatch patch)
    {
        EnsureOrganiser(actor);
        var details = MeetingRules.Validate(MeetingRules.Apply(meeting.State.Details, patch));
        var state = patch.State ?? meeting.State.State;
        Rules.Require(Enum.IsDefined(state), DomainError.Invalid, "state must be draft, live or closed.", "state");
        await Save(meeting.State with { Details = details, State = state });
        return View();
    }

    public async Task<BoardSummary> AddBoard(Actor actor, BoardDefinition definition)
    {
        EnsureOrganiser(actor);
        Rules.Require(meeting.State.Boards.Count < MaxBoards, DomainError.Conflict, $"A meeting has at most {MaxBoards} boards.");
        var normalized = BoardRules.Normalize(definition);
        var boardId = Ids.NewShortId();
        // The board exists before the meeting lists it: a failure in between leaves an unlisted board, never a listed ghost.
        await GrainFactory.GetGrain<IBoardGrain>(Keys.Board(MeetingId, boardId)).Initialize(normalized);
        var summary = new BoardSummary(boardId, normalized.Kind, normalized.Title, normalized.Region);
        await Save(meeting.State with { Boards = [.. meeting.State.Boards, summary] });
        return summary;
    }

    public async Task<Invite> CreateInvite(Actor actor, Role role, IReadOnlyList<string> boardIds)
    {
        EnsureOrganiser(actor);
        Rules.Require(role is Role.Facilitator or Role.Organiser, DomainError.Invalid, "An invite joins as facilitator or organiser.", "role");
        Rules.Require(meeting.State.Invites.Count < MaxInvites, DomainError.Conflict, $"A meeting has at most {MaxInvites} invites.");
        var known = meeting.State.Boards.Select(board => board.BoardId).ToHashSet();
        for (var index = 0; index < boardIds.Count; index++)
        {
            Rules.Require(known.Contains(boardIds[index]), DomainError.Invalid, $"Board {boardIds[index]} is not in this meeting.", $"boardIds[{index}]");
        }

        var distinctBoards = boardIds.Distinct().ToList();
        var code = await ClaimFreshCode(new CodeTarget(MeetingId, role, distinctBoards));
        var invite = new Invite(code, role, distinctBoards);
        await Save(meeting.State with { Invites = [.. meeting.State.Invites, invite] });
        return invite;
    }

    /// <summary>Random codes collide rarely; the code grain decides who got one first, so a collision just draws again.</summary>
    private async Task<string> ClaimFreshCode(CodeTarget target)
    {
        for (var attempt = 0; attempt < CodeAttempts; attempt++)
        {
            var code = Ids.NewCode();
            if (await GrainFactory.GetGrain<ICodeGrain>(code).TryClaim(target))
            {
                return code;
            }
        }

        throw new InvalidOperationException($"No free code after {CodeAttempts} attempts.");
    }

    private void EnsureCreated() =>
        Rules.Require(meeting.State.Created, DomainError.NotFound, $"Meeting {MeetingId} does not exist.", "meetingId");

    private void EnsureOrganiser(Actor actor)
    {
        EnsureCreated();
        Rules.Require(actor.IsAtLeast(Role.Organiser), DomainError.Forbidden, "Only an organiser may do this.");
    }

    private Task Save(MeetingRecord next) => meeting.Store(next with { Version = meeting.State.Version + 1 });

    private MeetingView View()
    {
        var state = meeting.State;
        return new MeetingView(MeetingId, state.Details, state.State, state.JoinCode, state.Boards, state.Version);
    }
}
