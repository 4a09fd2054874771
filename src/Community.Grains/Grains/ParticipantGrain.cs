using Community.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

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
/// stored by the roster's group commit alone (a whole storm shares a few writes), and the grain finds it there when it
/// activates again; its own blob is read only when needed and written only when the person says where they are, or
/// when the roster is full. A new phone's join so costs no storage request of its own.
/// </summary>
internal sealed class ParticipantGrain(
    IGrainFactory grains, [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStorage storage) : Grain, IParticipantGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "participant";

    private LazyState<ParticipantRecord> _own = null!;
    private ParticipantProfile? _profile;

    public async Task<ParticipantProfile> Register(ParticipantProfile profile)
    {
        var registered = Validated(profile);
        if (_profile is { } existing)
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
        return _profile is { } existing ? await ListedAgain(existing) : await RegisterNew(registered);
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
        _own = new LazyState<ParticipantRecord>(storage, StateName, this.GetGrainId());
        var listed = await Roster.Find(ParticipantId);
        // Only a roster that was full when they joined can miss someone who is registered: they stored their own profile.
        _profile = listed.Profile ?? (listed.Full ? (await _own.GetAsync()).Profile : null);
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
            await _own.Store(await _own.GetAsync() with { Profile = registered });
        }

        _profile = registered;
        return registered;
    }

    private string MeetingId => Keys.Parts(this.GetPrimaryKeyString())[0];

    private string ParticipantId => Keys.Parts(this.GetPrimaryKeyString())[1];

    private IRosterGrain Roster => grains.GetGrain<IRosterGrain>(MeetingId);

    public Task<ParticipantProfile?> Get() => Task.FromResult(_profile);

    public async Task<CardRef?> BeHere(CardRef card)
    {
        var own = await _own.GetAsync();
        var previous = own.Presence;
        if (previous == card)
        {
            return null;
        }

        await _own.Store(own with { Profile = _profile, Presence = card });
        return previous;
    }

    public async Task Leave(CardRef card)
    {
        var own = await _own.GetAsync();
        if (own.Presence == card)
        {
            await _own.Store(own with { Profile = _profile, Presence = null });
        }
    }
}
