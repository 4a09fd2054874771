using System.Collections.Immutable;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record ModerationQueueRecord
{
    /// <summary>Oldest submission first; one per meeting.</summary>
    [Id(0)] public ImmutableList<PendingListing> Pending { get; init; } = [];
    /// <summary>Every decision taken here, oldest first: the queue's audit trail.</summary>
    [Id(1)] public ImmutableList<ModerationDecision> Decisions { get; init; } = [];
}

/// <summary>
/// One moderation queue ("country/{CC}" or "campaign/{slug}"): the listings waiting for a decision and every
/// decision taken on them, kept. Listing grains are its only writers.
/// </summary>
internal sealed class ModerationQueueGrain(
    [PersistentState(ModerationQueueGrain.StateName)] IPersistentState<ModerationQueueRecord> queue) : Grain, IModerationQueueGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "moderation";

    /// <summary>A listing grain's internal bookkeeping ("moved" to another campaign) is not a moderator's decision.</summary>
    private static readonly ImmutableHashSet<string> Bookkeeping = ["moved"];

    public async Task Enqueue(PendingListing listing)
    {
        var pending = queue.State.Pending;
        var existing = pending.FindIndex(item => item.MeetingId == listing.MeetingId);
        if (existing >= 0 && pending[existing] == listing)
        {
            return;
        }

        // A resubmission or a change of title keeps its place only if it was submitted at the same time.
        var next = (existing >= 0 ? pending.RemoveAt(existing) : pending).Add(listing);
        await queue.Store(queue.State with { Pending = [.. next.OrderBy(item => item.SubmittedAt)] });
    }

    public async Task Decided(string meetingId, ListingAuditEntry decision)
    {
        var pending = queue.State.Pending.RemoveAll(item => item.MeetingId == meetingId);
        var decisions = Bookkeeping.Contains(decision.Action)
            ? queue.State.Decisions
            : queue.State.Decisions.Add(new ModerationDecision(meetingId, decision));
        if (pending.Count == queue.State.Pending.Count && decisions.Count == queue.State.Decisions.Count)
        {
            return;
        }

        await queue.Store(queue.State with { Pending = pending, Decisions = decisions });
    }

    public Task<IReadOnlyList<PendingListing>> Pending() => Task.FromResult<IReadOnlyList<PendingListing>>(queue.State.Pending);

    public Task<IReadOnlyList<ModerationDecision>> Decisions(int limit)
    {
        Rules.Require(limit >= 0, DomainError.Invalid, "limit cannot be negative.", "limit");
        var decisions = queue.State.Decisions;
        return Task.FromResult<IReadOnlyList<ModerationDecision>>(
            [.. decisions.Skip(Math.Max(0, decisions.Count - limit)).Reverse()]);
    }
}
