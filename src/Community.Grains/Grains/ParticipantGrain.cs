using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record ParticipantRecord
{
    [Id(0)] public ParticipantProfile? Profile { get; init; }
    /// <summary>The discussion the person said "I'm here now" at, across all boards of the meeting.</summary>
    [Id(1)] public CardRef? Presence { get; init; }
}

/// <summary>
/// One person in one meeting, a grain each, so a join storm never queues on one grain. A new person's profile is
/// stored by the roster's group commit alone (a whole storm shares a few writes); this grain's own blob is written only
/// when the person says where they are, or when the roster is full.
/// </summary>
internal sealed class ParticipantGrain(
    [PersistentState(ParticipantGrain.StateName)] IPersistentState<ParticipantRecord> participant, IGrainFactory grains) : Grain, IParticipantGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "participant";

    public async Task<ParticipantProfile> Register(ParticipantProfile profile)
    {
        var registered = Validated(profile);
        if (participant.State.Profile is { } existing)
        {
            // A retried join is fine; a second, different person under the same id is not.
            Rules.Require(existing with { JoinedAt = registered.JoinedAt } == registered, DomainError.Conflict,
                $"Participant {profile.ParticipantId} is already registered.");
            return await ListedAgain(existing);
        }

        return await RegisterNew(registered);
    }

    public async Task<ParticipantProfile> Rejoin(ParticipantProfile profile)
    {
        var registered = Validated(profile);
        return participant.State.Profile is { } existing ? await ListedAgain(existing) : await RegisterNew(registered);
    }

    private ParticipantProfile Validated(ParticipantProfile profile)
    {
        Rules.Require(Keys.Parts(this.GetPrimaryKeyString()) is [_, var id] && id == profile.ParticipantId, DomainError.Invalid,
            "The participant id must match the grain key.", "participantId");
        var registered = profile with
        {
            DisplayName = Rules.Text(profile.DisplayName, "displayName", 1, 60),
            Country = profile.Country is null ? null : Rules.Country(profile.Country, "country"),
        };
        Rules.Require(Enum.IsDefined(registered.Role), DomainError.Invalid, "Unknown role.", "role");
        return registered;
    }

    /// <summary>The roster may have missed them if the first attempt failed after storing; adding again is harmless.</summary>
    private async Task<ParticipantProfile> ListedAgain(ParticipantProfile existing)
    {
        await Roster.Add(existing);
        return existing;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (participant.State.Profile is null)
        {
            participant.State = participant.State with { Profile = await Roster.Find(ParticipantId) };
        }
    }

    private async Task<ParticipantProfile> RegisterNew(ParticipantProfile registered)
    {
        // The organiser is registered by the meeting grain itself while it creates the meeting: asking it back would deadlock.
        if (registered.Role != Role.Organiser)
        {
            var meeting = await grains.GetGrain<IMeetingGrain>(MeetingId).Get();
            Rules.Require(meeting.State != MeetingState.Closed, DomainError.MeetingClosed, "The meeting is closed: nobody joins any more.");
        }

        if (!await Roster.Add(registered))
        {
            await participant.Store(new ParticipantRecord { Profile = registered });
        }

        participant.State = participant.State with { Profile = registered };
        return registered;
    }

    private string MeetingId => Keys.Parts(this.GetPrimaryKeyString())[0];

    private string ParticipantId => Keys.Parts(this.GetPrimaryKeyString())[1];

    private IRosterGrain Roster => grains.GetGrain<IRosterGrain>(MeetingId);

    public Task<ParticipantProfile?> Get() => Task.FromResult(participant.State.Profile);

    public async Task<CardRef?> BeHere(CardRef card)
    {
        var previous = participant.State.Presence;
        if (previous == card)
        {
            return null;
        }

        await participant.Store(participant.State with { Presence = card });
        return previous;
    }

    public async Task Leave(CardRef card)
    {
        if (participant.State.Presence == card)
        {
            await participant.Store(participant.State with { Presence = null });
        }
    }
}
