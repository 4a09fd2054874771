using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record CodeRecord
{
    [Id(0)] public CodeTarget? Target { get; init; }
}

/// <summary>One join code or invite token and what it opens. The first claim wins, so two meetings never share a code.</summary>
internal sealed class CodeGrain(
    [PersistentState(CodeGrain.StateName)] IPersistentState<CodeRecord> code) : Grain, ICodeGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "code";

    public async Task<bool> TryClaim(CodeTarget target)
    {
        var key = this.GetPrimaryKeyString();
        Rules.Require(Codes.IsWellFormed(key) || InviteTokens.IsWellFormed(key), DomainError.Invalid, $"'{key}' is not a well-formed code.", "code");
        if (code.State.Target is { } existing)
        {
            return SameTarget(existing, target);
        }

        await code.Store(new CodeRecord { Target = target });
        return true;
    }

    public Task<CodeTarget?> Resolve() => Task.FromResult(code.State.Target);

    // Records compare lists by reference, so the board ids are compared item by item.
    private static bool SameTarget(CodeTarget a, CodeTarget b) =>
        a.MeetingId == b.MeetingId && a.Role == b.Role && a.InviteId == b.InviteId && a.BoardIds.SequenceEqual(b.BoardIds);
}
