using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record ImportReferenceRecord
{
    /// <summary>The organisation's own id for the row, as it was first imported (the key holds only its hash).</summary>
    [Id(0)] public string SourceRef { get; init; } = "";
    /// <summary>Empty until the first import created the meeting.</summary>
    [Id(1)] public string MeetingId { get; init; } = "";
    /// <summary>The meeting's organiser, in whose name later imports edit it.</summary>
    [Id(2)] public string OrganiserId { get; init; } = "";
    /// <summary>
    /// <see cref="ImportedActivity.Fingerprint"/> of the row last applied in full; empty while its listing is not
    /// yet set, so the next import of the row finishes the job.
    /// </summary>
    [Id(3)] public string Fingerprint { get; init; } = "";
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The campaign the row last joined: a row that keeps it is not asked about the deadline again.</summary>
    [Id(5)] public string? CampaignSlug { get; init; }
}

/// <summary>
/// One source reference of one account and the meeting its rows made: the first import creates the meeting and
/// claims the reference, so importing the same file again creates nothing new (as <see cref="CodeGrain"/> claims a code).
/// </summary>
internal sealed class ImportReferenceGrain(
    [PersistentState(ImportReferenceGrain.StateName)] IPersistentState<ImportReferenceRecord> reference) : Grain, IImportReferenceGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "import-reference";

    public async Task<ImportResult> Plan(ImportedActivity activity)
    {
        var outcome = Outcome(activity.Fingerprint());
        return outcome != ImportOutcome.Unchanged && await CampaignRefusal(activity) is { } refusal
            ? Refused(refusal, null)
            : new ImportResult(outcome, reference.State.MeetingId, null, null, null);
    }

    public async Task<ImportResult> Apply(string sourceRef, string newMeetingId, ImportedActivity activity)
    {
        var fingerprint = activity.Fingerprint();
        var outcome = Outcome(fingerprint);
        if (outcome == ImportOutcome.Unchanged)
        {
            return new ImportResult(outcome, reference.State.MeetingId, null, null, null);
        }

        // Asked before anything is written, so a late row leaves no meeting behind.
        if (await CampaignRefusal(activity) is { } late)
        {
            return Refused(late, null);
        }

        string? organiserId = null;
        if (outcome == ImportOutcome.Create)
        {
            var created = await GrainFactory.GetGrain<IMeetingGrain>(newMeetingId).Create(activity.Meeting);
            organiserId = created.OrganiserId;
            await reference.Store(new ImportReferenceRecord
            {
                SourceRef = sourceRef,
                MeetingId = newMeetingId,
                OrganiserId = created.OrganiserId,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }
        else
        {
            await Meeting.Update(Organiser, MeetingPatch.Replacing(activity.Meeting));
        }

        try
        {
            var listing = GrainFactory.GetGrain<IListingGrain>(reference.State.MeetingId);
            var view = await listing.Update(Organiser, activity.Listing);
            if (view.Review is ListingReview.Private or ListingReview.Rejected)
            {
                await listing.Submit(Organiser);
            }
        }
        catch (DomainException refusal)
        {
            return Refused(refusal, organiserId);
        }

        await reference.Store(reference.State with { Fingerprint = fingerprint, CampaignSlug = activity.Listing.CampaignSlug, UpdatedAt = DateTimeOffset.UtcNow });
        return new ImportResult(outcome, reference.State.MeetingId, organiserId, null, null);
    }

    /// <summary>
    /// As the listing grain asks it: a campaign the row joins (new, or another than before) must still take
    /// registrations and the row's country; an activity that stays in its campaign may change after the deadline.
    /// </summary>
    private async Task<DomainException?> CampaignRefusal(ImportedActivity activity)
    {
        var campaign = activity.Listing.CampaignSlug;
        if (campaign is null || (reference.State.MeetingId.Length > 0 && campaign == reference.State.CampaignSlug))
        {
            return null;
        }

        try
        {
            await GrainFactory.GetGrain<ICampaignGrain>(campaign).CheckEnrolment(reference.State.MeetingId, activity.Meeting.Country);
            return null;
        }
        catch (DomainException refusal)
        {
            return refusal;
        }
    }

    private ImportResult Refused(DomainException refusal, string? organiserId) =>
        new(ImportOutcome.Failed, reference.State.MeetingId, organiserId, refusal.Field ?? "campaign", refusal.Message);

    private ImportOutcome Outcome(string fingerprint) =>
        reference.State.MeetingId.Length == 0 ? ImportOutcome.Create
        : reference.State.Fingerprint == fingerprint ? ImportOutcome.Unchanged
        : ImportOutcome.Update;

    private IMeetingGrain Meeting => GrainFactory.GetGrain<IMeetingGrain>(reference.State.MeetingId);

    private Actor Organiser => new(reference.State.OrganiserId, "Organiser", Role.Organiser);
}
