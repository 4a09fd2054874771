using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;

namespace Community.Web.Directory;

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
/// Runs an import for one directory account: checks every row, asks each row's <see cref="IImportReferenceGrain"/>
/// what importing it would do (and the campaign it joins whether it still takes it), then either reports that (dry
/// run: nothing is written) or applies the rows without problems through their references. Rows with problems are
/// skipped; with <c>atomic</c>, one row with problems means no row is applied.
/// </summary>
public sealed class ActivityImporter(IGrainFactory grains, AccessTokens tokens)
{
    /// <summary>Rows applied at once: enough to keep storage busy, few enough to leave the silos to everyone else.</summary>
    private const int Parallelism = 32;

    public async Task<ImportReport> RunAsync(DirectoryMember account, IReadOnlyList<ImportRowText> rows, bool dryRun, bool atomic, CancellationToken cancellation)
    {
        var checkedRows = ImportValidation.CheckAll(rows, account);
        var plans = new ImportResult?[checkedRows.Count];
        await EachAsync(checkedRows, cancellation, async (row, index) =>
            plans[index] = row.Activity is { } activity ? await Reference(account, row).Plan(activity) : null);

        // A campaign that refuses a row is the row's problem, found before anything is written, as a field's is.
        var refused = checkedRows.Select((row, index) => plans[index] is { Outcome: ImportOutcome.Failed } plan ? Problem(plan) : null).ToList();
        var anyProblems = checkedRows.Any(row => row.Activity is null) || refused.Any(problem => problem is not null);
        var reports = new ImportRowReport[checkedRows.Count];
        await EachAsync(checkedRows, cancellation, async (row, index) => reports[index] = (plans[index], refused[index]) switch
        {
            (null, _) => Report(row, ImportOutcome.Skipped, null, null, row.Problems),
            (_, { } problem) => Report(row, ImportOutcome.Skipped, null, null, [problem]),
            ({ } plan, _) when dryRun => Report(row, plan.Outcome, NullIfEmpty(plan.MeetingId), null, []),
            _ when atomic && anyProblems => Report(row, ImportOutcome.Skipped, null, null, []),
            _ => await ApplyAsync(account, row, row.Activity!),
        });

        var counts = new ImportCounts(
            Count(ImportOutcome.Create), Count(ImportOutcome.Unchanged), Count(ImportOutcome.Update), Count(ImportOutcome.Skipped), Count(ImportOutcome.Failed));
        return new ImportReport(dryRun, atomic, counts, reports);

        int Count(ImportOutcome outcome) => reports.Count(report => report.Outcome == outcome);
    }

    private static Task EachAsync(IReadOnlyList<CheckedRow> rows, CancellationToken cancellation, Func<CheckedRow, int, Task> action) =>
        Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation },
            async (index, _) => await action(rows[index], index));

    private async Task<ImportRowReport> ApplyAsync(DirectoryMember account, CheckedRow row, ImportedActivity activity)
    {
        try
        {
            var applied = await Reference(account, row).Apply(row.SourceRef!, MeetingJoining.NewId(), activity);
            // The meeting grain registered the organiser under this name.
            var token = applied.OrganiserId is { } organiserId
                ? tokens.Issue(new MeetingMember(applied.MeetingId, organiserId, "Organiser", Role.Organiser, []))
                : null;
            return Report(row, applied.Outcome, NullIfEmpty(applied.MeetingId), token, Problem(applied) is { } problem ? [problem] : []);
        }
        catch (DomainException refusal)
        {
            return Report(row, ImportOutcome.Failed, null, null, [new ImportProblem(refusal.Field ?? "row", refusal.Message)]);
        }
    }

    private static ImportProblem? Problem(ImportResult result) =>
        result.Refusal is { } refusal ? new ImportProblem(result.RefusedField ?? "row", refusal) : null;

    private IImportReferenceGrain Reference(DirectoryMember account, CheckedRow row) =>
        grains.GetGrain<IImportReferenceGrain>(ImportReferences.Key(account.AccountId, row.SourceRef!));

    private static ImportRowReport Report(CheckedRow row, ImportOutcome outcome, string? meetingId, string? token, IReadOnlyList<ImportProblem> problems) =>
        new(row.Row, row.SourceRef, outcome, meetingId, token, problems);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
