using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

/// <summary>What a directory account may do (the web's <c>DirectoryRole</c> has the same values).</summary>
public enum DirectoryAccountRole
{
    Moderator = 0,
    Organisation = 1,
    CampaignOwner = 2,
}

/// <summary>
/// A directory account: appointed by the operator (moderators, organisations) or made for a campaign's owner. Its
/// token carries the same id, name, role and scope; the account grain decides whether the token still works.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record DirectoryAccount(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Name,
    [property: Id(2)] DirectoryAccountRole Role,
    /// <summary>ISO 3166-1 alpha-2 codes a moderator decides for; empty for others.</summary>
    [property: Id(3)] IReadOnlyList<string> Countries,
    /// <summary>The campaign a campaign owner owns; null for others.</summary>
    [property: Id(4)] string? CampaignSlug,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    /// <summary>Set once revoked: the account's tokens stop working on every web node.</summary>
    [Id(6)] public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>One directory account, keyed by its id: created once, revoked at most once, never deleted (kept for the audit).</summary>
public interface IDirectoryAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account under this grain's key (the account's id must be the key); Conflict if it exists. Also
    /// lists it in <see cref="IDirectoryAccountIndexGrain"/>. The operator API and the campaigns (for their owners) call it.
    /// </summary>
    Task<DirectoryAccount> Create(DirectoryAccount account);

    /// <summary>Null if never created.</summary>
    [ReadOnly]
    Task<DirectoryAccount?> Get();

    /// <summary>NotFound if never created; revoking twice keeps the first time.</summary>
    Task<DirectoryAccount> Revoke();
}

/// <summary>Every directory account's id, oldest first, so the operator can list them (singleton, key 0).</summary>
public interface IDirectoryAccountIndexGrain : IGrainWithIntegerKey
{
    Task Add(string accountId);

    [ReadOnly]
    Task<IReadOnlyList<string>> AccountIds();
}
