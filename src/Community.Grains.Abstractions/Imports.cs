using System.Security.Cryptography;
using System.Text;
using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

// The bulk import of activities (docs/import.md): an organisation or a campaign owner sends a file of rows, each
// with its own source reference; each reference makes one meeting, ever, whose listing goes to moderation.

/// <summary>What importing one row does (or, in a dry run, would do).</summary>
public enum ImportOutcome
{
    /// <summary>A new meeting with its listing, submitted for moderation.</summary>
    Create = 0,
    /// <summary>The row is the same as when it was last imported: nothing is written.</summary>
    Unchanged = 1,
    /// <summary>The row changed: the meeting and its listing are updated (the listing's SEQUENCE rises).</summary>
    Update = 2,
    /// <summary>The row has problems (or, in an atomic import, another row has): nothing is written for it.</summary>
    Skipped = 3,
    /// <summary>The row was valid but a grain refused it (a campaign's deadline passed, ...): see its problems.</summary>
    Failed = 4,
}

/// <summary>One row of an import, checked at the edge: the meeting's details and its listing's.</summary>
[Immutable, GenerateSerializer]
public sealed record ImportedActivity(
    [property: Id(0)] MeetingDetails Meeting,
    [property: Id(1)] ListingDetails Listing)
{
    /// <summary>
    /// A digest of everything the row says, so a second import of the same row is recognised without comparing
    /// field by field (records compare their lists by reference).
    /// </summary>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this)));
}

/// <summary>What <see cref="IImportReferenceGrain.Apply"/> did, or what <see cref="IImportReferenceGrain.Plan"/> says it would do.</summary>
[Immutable, GenerateSerializer]
public sealed record ImportResult(
    [property: Id(0)] ImportOutcome Outcome,
    /// <summary>Empty when no meeting exists yet (a planned Create).</summary>
    [property: Id(1)] string MeetingId,
    /// <summary>The organiser the meeting grain minted, on <see cref="ImportOutcome.Create"/> only (the web issues its token once).</summary>
    [property: Id(2)] string? OrganiserId,
    /// <summary>
    /// Set when the meeting exists but its listing was refused (<see cref="ImportOutcome.Failed"/>): the field at
    /// fault and why. Importing the row again, corrected, updates that meeting.
    /// </summary>
    [property: Id(3)] string? RefusedField,
    [property: Id(4)] string? Refusal);

/// <summary>
/// One source reference of one directory account, keyed by <see cref="ImportReferences.Key"/>: the meeting its rows
/// made. The first import claims it and creates the meeting; later imports of the same reference update that
/// meeting, or do nothing when the row did not change. Non-reentrant, so two imports of the same row at once make one
/// meeting.
/// </summary>
public interface IImportReferenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// What <see cref="Apply"/> would do with this row now (Create, Unchanged or Update, with the meeting it made), or
    /// Failed with the campaign's refusal; writes nothing.
    /// </summary>
    [ReadOnly]
    Task<ImportResult> Plan(ImportedActivity activity);

    /// <summary>
    /// Creates the meeting (as <paramref name="newMeetingId"/>, used only then), sets its listing and submits it to
    /// moderation; or updates the meeting and listing this reference made (submitting again a listing that is
    /// private or rejected); or nothing if the row is unchanged. A campaign the row joins (new, or another than
    /// before) is asked first: its refusal (deadline, countries, unknown) is Failed, with nothing written.
    /// </summary>
    Task<ImportResult> Apply(string sourceRef, string newMeetingId, ImportedActivity activity);
}

public static class ImportReferences
{
    /// <summary>
    /// "{accountId}/{sha256(sourceRef) in hex}": the account comes from the caller's token, never from the file, so
    /// no row can reach another account's references; the hash keeps any text of the source reference out of the key
    /// (and the blob name).
    /// </summary>
    public static string Key(string accountId, string sourceRef) =>
        $"{accountId}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceRef)))}";
}
