using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record ListingRecord
{
    [Id(0)] public ListingDetails Details { get; init; } = new();
    [Id(1)] public ListingReview Review { get; init; }
    [Id(2)] public string? RejectionReason { get; init; }
    [Id(3)] public int Sequence { get; init; }
    [Id(4)] public bool Cancelled { get; init; }
    [Id(5)] public ParticipantFigures? Figures { get; init; }
    [Id(6)] public IReadOnlyList<ListingAuditEntry> Audit { get; init; } = [];
    /// <summary>The meeting as it last told this listing, so the listing never has to call back into its meeting.</summary>
    [Id(7)] public MeetingView? Meeting { get; init; }
    [Id(8)] public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>
/// The listing of one meeting: the one writer of what the directory shows of it. Only an approved listing is in its
/// country's directory partition; every change that leaves it approved puts the new entry there, and everything else
/// takes it out. The moderation queues of its country and campaign hear of each submission and decision.
/// </summary>
internal sealed class ListingGrain(
    [PersistentState(ListingGrain.StateName)] IPersistentState<ListingRecord> listing) : Grain, IListingGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "listing";

    private const int MaxAuditEntries = 500;

    private string MeetingId => this.GetPrimaryKeyString();

    public Task<ListingView> Get() => Task.FromResult(View());

    public async Task<ListingView> Update(Actor organiser, ListingDetails details)
    {
        var meeting = await MeetingFor(organiser);
        var validated = ListingRules.Validate(details);
        if (validated.CampaignSlug is { } campaign && campaign != listing.State.Details.CampaignSlug)
        {
            await GrainFactory.GetGrain<ICampaignGrain>(campaign).CheckEnrolment(MeetingId, meeting.Details.Country);
        }

        if (listing.State.Review == ListingReview.Approved)
        {
            ListingRules.RequireComplete(meeting.Details, validated);
        }

        var changed = validated != listing.State.Details;
        var next = listing.State with
        {
            Meeting = meeting,
            Details = validated,
            Sequence = listing.State.Sequence + (changed && listing.State.Review == ListingReview.Approved ? 1 : 0),
        };
        await Publish(next, campaignBefore: listing.State.Details.CampaignSlug);
        return View();
    }

    public async Task<ListingView> Submit(Actor organiser)
    {
        var meeting = await MeetingFor(organiser);
        if (listing.State.Review is ListingReview.Pending or ListingReview.Approved)
        {
            return View();
        }

        ListingRules.RequireComplete(meeting.Details, listing.State.Details);
        var now = DateTimeOffset.UtcNow;
        var next = Audited(listing.State with { Meeting = meeting, Review = ListingReview.Pending, RejectionReason = null, SubmittedAt = now },
            new ListingAuditEntry(now, organiser.ParticipantId, organiser.DisplayName, "submitted", null));
        await Publish(next, campaignBefore: null);
        return View();
    }

    public async Task<ListingView> Withdraw(Actor organiser)
    {
        await MeetingFor(organiser);
        if (listing.State.Review == ListingReview.Private)
        {
            return View();
        }

        var entry = new ListingAuditEntry(DateTimeOffset.UtcNow, organiser.ParticipantId, organiser.DisplayName, "withdrawn", null);
        var wasPending = listing.State.Review == ListingReview.Pending;
        await Publish(Audited(listing.State with { Review = ListingReview.Private, RejectionReason = null }, entry), campaignBefore: null);
        if (wasPending)
        {
            await TellQueues(queue => queue.Decided(MeetingId, entry));
        }

        return View();
    }

    public async Task<ListingView> Cancel(Actor organiser)
    {
        await MeetingFor(organiser);
        if (listing.State.Cancelled)
        {
            return View();
        }

        var entry = new ListingAuditEntry(DateTimeOffset.UtcNow, organiser.ParticipantId, organiser.DisplayName, "cancelled", null);
        await Publish(Audited(listing.State with { Cancelled = true, Sequence = listing.State.Sequence + 1 }, entry), campaignBefore: null);
        return View();
    }

    public Task<ListingView> Approve(Moderator moderator) => Decide(moderator, ListingReview.Approved, "approved", null);

    public Task<ListingView> Reject(Moderator moderator, string reason) =>
        Decide(moderator, ListingReview.Rejected, "rejected", Rules.Text(reason, "reason", 1, ListingRules.MaxReasonLength));

    public async Task<ListingView> ReportFigures(Actor organiser, ParticipantFigures figures)
    {
        await MeetingFor(organiser);
        var validated = ListingRules.Validate(figures);
        var entry = new ListingAuditEntry(DateTimeOffset.UtcNow, organiser.ParticipantId, organiser.DisplayName, "figures", null) { Figures = validated };
        await Publish(Audited(listing.State with { Figures = validated }, entry), campaignBefore: null);
        return View();
    }

    public async Task MeetingChanged(MeetingView meeting)
    {
        var before = listing.State.Meeting;
        if (before is not null && before.Version >= meeting.Version)
        {
            return;
        }

        var calendarChanged = before is not null && ListingRules.CalendarDiffers(before.Details, meeting.Details);
        var next = listing.State with
        {
            Meeting = meeting,
            Sequence = listing.State.Sequence + (calendarChanged && listing.State.Review == ListingReview.Approved ? 1 : 0),
        };
        if (listing.State.Review == ListingReview.Private && listing.State.Audit.Count == 0 && listing.State.Details == new ListingDetails())
        {
            // Never listed: remember the meeting for the first listing call, without a blob per meeting edit.
            listing.State = next;
            return;
        }

        await Publish(next, campaignBefore: null, countryBefore: before?.Details.Country);
    }

    private async Task<ListingView> Decide(Moderator moderator, ListingReview review, string action, string? reason)
    {
        var meeting = listing.State.Meeting;
        Rules.Require(listing.State.Review != ListingReview.Private && meeting is not null, DomainError.NotFound,
            $"Meeting {MeetingId} is not submitted for listing.", "meetingId");
        Rules.Require(moderator.Covers(meeting!.Details.Country, listing.State.Details.CampaignSlug), DomainError.Forbidden,
            "This listing is outside the countries and campaign you moderate.");
        Rules.Require(listing.State.Review == ListingReview.Pending || listing.State.Review != review, DomainError.Conflict,
            $"This listing is already {action}.");
        var entry = new ListingAuditEntry(DateTimeOffset.UtcNow, moderator.ModeratorId, moderator.Name, action, reason);
        await Publish(Audited(listing.State with { Review = review, RejectionReason = reason }, entry), campaignBefore: null);
        await TellQueues(queue => queue.Decided(MeetingId, entry));
        return View();
    }

    /// <summary>Stores the listing, then makes the directory and the moderation queues agree with it.</summary>
    private async Task Publish(ListingRecord next, string? campaignBefore, string? countryBefore = null)
    {
        var wasApproved = listing.State.Review == ListingReview.Approved;
        await listing.Store(next);
        var meeting = next.Meeting!;
        var country = meeting.Details.Country;
        if (wasApproved && countryBefore is not null && countryBefore != country)
        {
            await Partition(countryBefore).Remove(MeetingId);
        }

        if (next.Review == ListingReview.Approved && country is not null)
        {
            await Partition(country).Upsert(ListingRules.Entry(meeting, next, DateTimeOffset.UtcNow));
        }
        else if (wasApproved && (countryBefore ?? country) is { } listedIn)
        {
            await Partition(listedIn).Remove(MeetingId);
        }

        if (next.Review == ListingReview.Pending)
        {
            var pending = new PendingListing(MeetingId, meeting.Details.Title, country, next.Details.CampaignSlug, next.SubmittedAt ?? DateTimeOffset.UtcNow);
            await TellQueues(queue => queue.Enqueue(pending));
            if (campaignBefore is not null && campaignBefore != next.Details.CampaignSlug)
            {
                await GrainFactory.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCampaign(campaignBefore))
                    .Decided(MeetingId, new ListingAuditEntry(DateTimeOffset.UtcNow, "", "", "moved", null));
            }
        }
    }

    private Task TellQueues(Func<IModerationQueueGrain, Task> call)
    {
        var queues = new List<string>();
        if (listing.State.Meeting?.Details.Country is { } country)
        {
            queues.Add(ModerationQueues.ForCountry(country));
        }

        if (listing.State.Details.CampaignSlug is { } campaign)
        {
            queues.Add(ModerationQueues.ForCampaign(campaign));
        }

        return Task.WhenAll(queues.Select(key => call(GrainFactory.GetGrain<IModerationQueueGrain>(key))));
    }

    private IDirectoryPartitionGrain Partition(string country) => GrainFactory.GetGrain<IDirectoryPartitionGrain>(country);

    private static ListingRecord Audited(ListingRecord record, ListingAuditEntry entry) =>
        record with { Audit = [.. record.Audit.TakeLast(MaxAuditEntries - 1), entry] };

    /// <summary>The meeting, for its organiser: as it last told this listing, or asked once if it never did.</summary>
    private async Task<MeetingView> MeetingFor(Actor organiser)
    {
        Rules.Require(organiser.IsAtLeast(Role.Organiser), DomainError.Forbidden, "Only the meeting's organiser may change its listing.");
        if (listing.State.Meeting is null)
        {
            // Kept in memory like MeetingChanged does; the next store writes it with the listing.
            listing.State = listing.State with { Meeting = await GrainFactory.GetGrain<IMeetingGrain>(MeetingId).Get() };
        }

        return listing.State.Meeting!;
    }

    private ListingView View()
    {
        var state = listing.State;
        return new ListingView(MeetingId, state.Details, state.Review, state.RejectionReason, state.Sequence, state.Cancelled, state.Figures, state.Audit);
    }
}
