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
/// Who joined a meeting, for the people page. A join storm lands here once per join, so it is reentrant and
/// commits in groups (<see cref="GroupCommit"/>): 2,000 joins in 30 seconds are a few dozen writes, not 2,000.
/// </summary>
[Reentrant]
internal sealed class RosterGrain : Grain, IRosterGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "roster";

    /// <summary>A meeting lists at most this many people; later joins still work but are not listed.</summary>
    public const int MaxPeople = 20_000;

    private readonly IPersistentState<RosterRecord> _roster;
    private readonly GroupCommit _commit;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public RosterGrain([PersistentState(StateName)] IPersistentState<RosterRecord> roster)
    {
        _roster = roster;
        // After a failed write memory is ahead of storage: the next activation reloads.
        _commit = new GroupCommit(() => _roster.WriteStateAsync(), DeactivateOnIdle);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _known.UnionWith(_roster.State.People.Select(person => person.ParticipantId));
        return Task.CompletedTask;
    }

    public Task Add(ParticipantProfile profile)
    {
        if (_known.Contains(profile.ParticipantId) || _known.Count >= MaxPeople)
        {
            return _commit.WhenDurable();
        }

        _commit.ThrowIfFailed();
        _known.Add(profile.ParticipantId);
        CommunityMetrics.Joins.Add(1);
        _roster.State = _roster.State with { People = _roster.State.People.Add(profile) };
        return _commit.Include();
    }

    public Task<IReadOnlyList<ParticipantProfile>> List() => Task.FromResult<IReadOnlyList<ParticipantProfile>>(_roster.State.People);
}
