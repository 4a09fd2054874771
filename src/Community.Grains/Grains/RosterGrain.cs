using System.Collections.Immutable;
using Community.Grains.Abstractions;
using Orleans.Concurrency;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record RosterRecord
{
    [Id(0)] public ImmutableList<ParticipantProfile> People { get; init; } = ImmutableList<ParticipantProfile>.Empty;
}

/// <summary>
/// Who joined a meeting, for the people page, and the store of a new participant's profile: a join's only write is
/// its share of the roster's group commit (<see cref="GroupCommit"/>), so 2,000 joins in 30 seconds are a few dozen
/// writes, not 2,000. Reentrant, so a storm's joins share each write.
/// </summary>
[Reentrant]
internal sealed class RosterGrain : Grain, IRosterGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "roster";

    private readonly IPersistentState<RosterRecord> _roster;
    private readonly GroupCommit _commit;
    private readonly Dictionary<string, ParticipantProfile> _known = new(StringComparer.Ordinal);
    private readonly int _maxPeople;

    public RosterGrain([PersistentState(StateName)] IPersistentState<RosterRecord> roster, RosterOptions options)
    {
        _roster = roster;
        _maxPeople = options.MaxPeople;
        // After a failed write memory is ahead of storage: the next activation reloads.
        _commit = new GroupCommit(() => _roster.WriteStateAsync(), DeactivateOnIdle);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var person in _roster.State.People)
        {
            _known.TryAdd(person.ParticipantId, person);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> Add(ParticipantProfile profile)
    {
        if (_known.ContainsKey(profile.ParticipantId) || _known.Count >= _maxPeople)
        {
            await _commit.WhenDurable();
            return _known.ContainsKey(profile.ParticipantId);
        }

        _commit.ThrowIfFailed();
        _known.Add(profile.ParticipantId, profile);
        CommunityMetrics.Joins.Add(1);
        _roster.State = _roster.State with { People = _roster.State.People.Add(profile) };
        await _commit.Include();
        return true;
    }

    public Task<RosterLookup> Find(string participantId) => Task.FromResult(new RosterLookup(_known.GetValueOrDefault(participantId), _known.Count >= _maxPeople));

    public Task<IReadOnlyList<ParticipantProfile>> List() => Task.FromResult<IReadOnlyList<ParticipantProfile>>(_roster.State.People);
}
