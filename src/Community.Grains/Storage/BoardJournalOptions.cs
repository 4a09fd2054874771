namespace Community.Grains.Storage;

/// <summary>When a board's journal is compacted into a new snapshot (whichever comes first).</summary>
public sealed class BoardJournalOptions
{
    /// <summary>Configuration section; not under <c>Orleans:</c>, which Orleans reads itself.</summary>
    public const string Section = "BoardJournal";

    public int SnapshotEveryBatches { get; set; } = 1000;

    public long SnapshotAfterBytes { get; set; } = 8 * 1024 * 1024;
}
