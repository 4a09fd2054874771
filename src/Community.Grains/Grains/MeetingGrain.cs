using System.Collections.Immutable;
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
    /// <summary>Tokens carry the generation they were issued under; raising it revokes them all.</summary>
    [Id(8)] public int KeyGeneration { get; init; }
    [Id(9)] public ImmutableHashSet<string> Removed { get; init; } = ImmutableHashSet<string>.Empty;
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
    private const int MaxRemoved = 10_000;
    private const int MaxInviteUses = 1_000;

    /// <summary>The longest an invite may last: a season of meetings, not forever.</summary>
    public static readonly TimeSpan MaxInviteLifetime = TimeSpan.FromDays(90);

    private string MeetingId => this.GetPrimaryKeyString();

    public async Task<MeetingCreated> Create(MeetingDetails details)
    {
        Rules.Require(!meeting.State.Created, DomainError.Conflict, $"Meeting {MeetingId} already exists.");
        Rules.Require(!MeetingId.Contains('/'), DomainError.Invalid, "A meeting id cannot contain '/'.", "meetingId");
        var validated = MeetingRules.Validate(details);
        var joinCode = await ClaimFreshCode(new CodeTarget(MeetingId, Role.Participant, []), Ids.NewCode);
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
        // The listing keeps the directory's copy (and its calendar SEQUENCE) in step with the meeting.
        await GrainFactory.GetGrain<IListingGrain>(MeetingId).MeetingChanged(View());
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

    public async Task<Invite> CreateInvite(Actor actor, InviteTerms terms)
    {
        EnsureOrganiser(actor);
        Rules.Require(terms.Role is Role.Facilitator or Role.Organiser, DomainError.Invalid, "An invite joins as facilitator or organiser.", "role");
        var now = DateTimeOffset.UtcNow;
        Rules.Require(terms.ExpiresAt > now && terms.ExpiresAt <= now + MaxInviteLifetime, DomainError.Invalid,
            $"expiresAt must be in the future and within {MaxInviteLifetime.TotalDays} days.", "expiresAt");
        Rules.Require(terms.MaxUses is null or >= 1 and <= MaxInviteUses, DomainError.Invalid, $"maxUses must be 1 to {MaxInviteUses}.", "maxUses");
        Rules.Require(meeting.State.Invites.Count < MaxInvites, DomainError.Conflict, $"A meeting has at most {MaxInvites} invites.");
        var known = meeting.State.Boards.Select(board => board.BoardId).ToHashSet();
        for (var index = 0; index < terms.BoardIds.Count; index++)
        {
            Rules.Require(known.Contains(terms.BoardIds[index]), DomainError.Invalid, $"Board {terms.BoardIds[index]} is not in this meeting.", $"boardIds[{index}]");
        }

        var distinctBoards = terms.BoardIds.Distinct().ToList();
        var inviteId = Ids.NewShortId();
        var token = await ClaimFreshCode(new CodeTarget(MeetingId, terms.Role, distinctBoards) { InviteId = inviteId }, Ids.NewInviteToken);
        // The meeting keeps no token: the code grain maps it here, and the organiser sees it once.
        var invite = new Invite("", terms.Role, distinctBoards)
        {
            InviteId = inviteId,
            ExpiresAt = terms.ExpiresAt,
            MaxUses = terms.MaxUses,
            CreatedAt = now,
        };
        await Save(meeting.State with { Invites = [.. meeting.State.Invites, invite] });
        return invite with { Code = token };
    }

    public Task<IReadOnlyList<Invite>> ListInvites(Actor actor)
    {
        EnsureOrganiser(actor);
        return Task.FromResult<IReadOnlyList<Invite>>(meeting.State.Invites.Reverse().ToList());
    }

    public async Task<Invite> RevokeInvite(Actor actor, string inviteId)
    {
        EnsureOrganiser(actor);
        var invite = FindInvite(inviteId);
        if (!invite.Revoked)
        {
            invite = invite with { Revoked = true };
            await Save(meeting.State with { Invites = Replace(invite) });
        }

        return invite;
    }

    public async Task<CodeTarget> RedeemInvite(string inviteId)
    {
        EnsureCreated();
        Rules.Require(meeting.State.State != MeetingState.Closed, DomainError.MeetingClosed, "The meeting is closed: nobody joins any more.");
        var invite = FindInvite(inviteId);
        Rules.Require(!invite.Revoked, DomainError.InviteUnusable, "This invite was revoked.", "code");
        Rules.Require(invite.ExpiresAt > DateTimeOffset.UtcNow, DomainError.InviteUnusable, "This invite has expired.", "code");
        Rules.Require(invite.MaxUses is not { } max || invite.Uses < max, DomainError.InviteUnusable, "This invite is used up.", "code");
        await Save(meeting.State with { Invites = Replace(invite with { Uses = invite.Uses + 1 }) });
        return new CodeTarget(MeetingId, invite.Role, invite.BoardIds) { InviteId = inviteId };
    }

    public Task<MeetingAccess> GetAccess()
    {
        EnsureCreated();
        return Task.FromResult(Access());
    }

    public async Task<MeetingAccess> RemoveParticipant(Actor actor, string participantId)
    {
        EnsureCreated();
        Rules.Require(actor.IsAtLeast(Role.Facilitator), DomainError.Forbidden, "Only a facilitator or an organiser may remove someone.");
        Rules.Require(participantId != meeting.State.OrganiserId, DomainError.Forbidden, "The meeting's creator cannot be removed.", "participantId");
        Rules.Require(participantId != actor.ParticipantId, DomainError.Forbidden, "You cannot remove yourself.", "participantId");
        var profile = await GrainFactory.GetGrain<IParticipantGrain>(Keys.Participant(MeetingId, participantId)).Get()
            ?? throw new DomainException(DomainError.NotFound, $"Nobody joined as {participantId}.", "participantId");
        Rules.Require(actor.IsAtLeast(Role.Organiser) || profile.Role == Role.Participant, DomainError.Forbidden,
            "Only an organiser may remove a facilitator or an organiser.", "participantId");
        if (!meeting.State.Removed.Contains(participantId))
        {
            Rules.Require(meeting.State.Removed.Count < MaxRemoved, DomainError.Conflict, $"A meeting removes at most {MaxRemoved} people.");
            await Save(meeting.State with { Removed = meeting.State.Removed.Add(participantId) });
        }

        // After the removal is stored, so a failure here is repaired by removing again (boards forget idempotently).
        await Task.WhenAll(meeting.State.Boards.Select(board =>
            GrainFactory.GetGrain<IBoardGrain>(Keys.Board(MeetingId, board.BoardId)).RemoveParticipant(participantId)));
        return Access();
    }

    public async Task<MeetingAccess> RevokeAllTokens(Actor actor)
    {
        EnsureOrganiser(actor);
        await Save(meeting.State with { KeyGeneration = meeting.State.KeyGeneration + 1 });
        return Access();
    }

    /// <summary>Random codes collide rarely; the code grain decides who got one first, so a collision just draws again.</summary>
    private async Task<string> ClaimFreshCode(CodeTarget target, Func<string> draw)
    {
        for (var attempt = 0; attempt < CodeAttempts; attempt++)
        {
            var code = draw();
            if (await GrainFactory.GetGrain<ICodeGrain>(code).TryClaim(target))
            {
                return code;
            }
        }

        throw new InvalidOperationException($"No free code after {CodeAttempts} attempts.");
    }

    private Invite FindInvite(string inviteId) =>
        meeting.State.Invites.FirstOrDefault(invite => invite.InviteId == inviteId && inviteId.Length > 0)
        ?? throw new DomainException(DomainError.NotFound, $"No invite {inviteId} in this meeting.", "inviteId");

    private IReadOnlyList<Invite> Replace(Invite changed) =>
        meeting.State.Invites.Select(invite => invite.InviteId == changed.InviteId ? changed : invite).ToList();

    private MeetingAccess Access() =>
        new(meeting.State.State, meeting.State.Details.EndsAt, meeting.State.KeyGeneration, meeting.State.Removed, meeting.State.OrganiserId);

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
