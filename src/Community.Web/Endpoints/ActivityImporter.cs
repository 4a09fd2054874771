using Community.Grains.Abstractions;
using Community.Web.Access;

namespace Community.Web.Endpoints;

/// <summary>
/// One row's result. <see cref="OrganiserToken"/> is issued once, when the row created its meeting: it lets the
/// organisation manage that meeting like its organiser (it is stored nowhere and cannot be fetched again).
/// </summary>
public sealed record ImportRowReport(
    int Row,
    string? SourceRef,
    ImportOutcome Outcome,
    string? MeetingId,
    string? OrganiserToken,
    IReadOnlyList<ImportProblem> Problems);

public sealed record ImportCounts(int Create, int Unchanged, int Update, int Skipped, int Failed);

/// <summary>What an import did (or, in a dry run, would do), row by row in the file's order.</summary>
public sealed record ImportReport(bool DryRun, bool Atomic, ImportCounts Counts, IReadOnlyList<ImportRowReport> Rows);

/// <summary>
/// Runs an import for one directory account: checks every row, asks each campaign named whether it still takes
/// registrations, then either reports what would happen (dry run: nothing is written) or applies the valid rows
/// through their <see cref="IImportReferenceGrain"/>s. Rows with problems are skipped; with <c>atomic</c>, one row
/// with problems means no row is applied.
/// </summary>
public sealed class ActivityImporter(IGrainFactory grains, AccessTokens tokens)
{
    /// <summary>Rows applied at once: enough to keep storage busy, few enough to leave the silos to everyone else.</summary>
    private const int Parallelism = 8;

    public async Task<ImportReport> RunAsync(DirectoryMember account, IReadOnlyList<ImportRowText> rows, bool dryRun, bool atomic, CancellationToken cancellation)
    {
        var checkedRows = await CheckCampaignsAsync(ImportValidation.CheckAll(rows, account));
        var reports = new ImportRowReport[checkedRows.Count];
        var refused = checkedRows.Any(row => row.Activity is null);
        await Parallel.ForEachAsync(Enumerable.Range(0, checkedRows.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation }, async (index, _) =>
        {
            var row = checkedRows[index];
            reports[index] = row switch
            {
                { Activity: null } => Report(row, ImportOutcome.Skipped, null, null, row.Problems),
                _ when dryRun => await PlanAsync(account, row, row.Activity),
                _ when atomic && refused => Report(row, ImportOutcome.Skipped, null, null, []),
                _ => await ApplyAsync(account, row, row.Activity),
            };
        });

        var counts = new ImportCounts(
            Count(ImportOutcome.Create), Count(ImportOutcome.Unchanged), Count(ImportOutcome.Update), Count(ImportOutcome.Skipped), Count(ImportOutcome.Failed));
        return new ImportReport(dryRun, atomic, counts, reports);

        int Count(ImportOutcome outcome) => reports.Count(report => report.Outcome == outcome);
    }

    /// <summary>
    /// Each campaign and country once: a campaign past its deadline, unknown, or not open to the row's country is
    /// the row's problem, in a dry run too. (The reference grain asks again before it creates anything.)
    /// </summary>
    private async Task<IReadOnlyList<CheckedRow>> CheckCampaignsAsync(IReadOnlyList<CheckedRow> rows)
    {
        var enrolments = rows
            .Where(row => row.Activity?.Listing.CampaignSlug is not null)
            .Select(row => (Campaign: row.Activity!.Listing.CampaignSlug!, row.Activity.Meeting.Country))
            .Distinct()
            .ToList();
        var refusals = new Dictionary<(string, string?), ImportProblem>();
        foreach (var (campaign, country) in enrolments)
        {
            try
            {
                await grains.GetGrain<ICampaignGrain>(campaign).CheckEnrolment(MeetingJoining.NewId(), country);
            }
            catch (DomainException refusal)
            {
                refusals[(campaign, country)] = new ImportProblem("campaign", refusal.Message);
            }
        }

        return refusals.Count == 0
            ? rows
            : rows.Select(row => row.Activity is { } activity && activity.Listing.CampaignSlug is { } slug && refusals.TryGetValue((slug, activity.Meeting.Country), out var problem)
                ? row with { Activity = null, Problems = [problem] }
                : row).ToList();
    }

    private async Task<ImportRowReport> PlanAsync(DirectoryMember account, CheckedRow row, ImportedActivity activity)
    {
        var planned = await Reference(account, row).Plan(activity);
        return Report(row, planned.Outcome, NullIfEmpty(planned.MeetingId), null, []);
    }

    private async Task<ImportRowReport> ApplyAsync(DirectoryMember account, CheckedRow row, ImportedActivity activity)
    {
        try
        {
            var applied = await Reference(account, row).Apply(row.SourceRef!, MeetingJoining.NewId(), activity);
            // The meeting grain registered the organiser under this name.
            var token = applied.OrganiserId is { } organiserId
                ? tokens.Issue(new MeetingMember(applied.MeetingId, organiserId, "Organiser", Role.Organiser, []))
                : null;
            var problems = applied.Refusal is { } refusal ? [new ImportProblem(applied.RefusedField ?? "row", refusal)] : Array.Empty<ImportProblem>();
            return Report(row, applied.Outcome, applied.MeetingId, token, problems);
        }
        catch (DomainException refusal)
        {
            return Report(row, ImportOutcome.Failed, null, null, [new ImportProblem(refusal.Field ?? "row", refusal.Message)]);
        }
    }

    private IImportReferenceGrain Reference(DirectoryMember account, CheckedRow row) =>
        grains.GetGrain<IImportReferenceGrain>(ImportReferences.Key(account.AccountId, row.SourceRef!));

    private static ImportRowReport Report(CheckedRow row, ImportOutcome outcome, string? meetingId, string? token, IReadOnlyList<ImportProblem> problems) =>
        new(row.Row, row.SourceRef, outcome, meetingId, token, problems);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
