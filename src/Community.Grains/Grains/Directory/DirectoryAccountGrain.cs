using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record DirectoryAccountRecord
{
    [Id(0)] public DirectoryAccount? Account { get; init; }
}

/// <summary>One directory account: whether its tokens still work. Created once, revoked at most once.</summary>
internal sealed class DirectoryAccountGrain(
    [PersistentState(DirectoryAccountGrain.StateName)] IPersistentState<DirectoryAccountRecord> account) : Grain, IDirectoryAccountGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "directory-account";

    public async Task<DirectoryAccount> Create(DirectoryAccount created)
    {
        Rules.Require(created.AccountId == this.GetPrimaryKeyString(), DomainError.Invalid, "The account's id must be its grain's key.", "accountId");
        Rules.Require(account.State.Account is null, DomainError.Conflict, $"Account {created.AccountId} exists.", "accountId");
        Rules.Require(Enum.IsDefined(created.Role), DomainError.Invalid, "role is not a directory role.", "role");
        var countries = created.Countries.Select(country => Rules.Country(country, "countries")).Distinct(StringComparer.Ordinal).ToList();
        Rules.Require(created.Role != DirectoryAccountRole.Moderator || countries.Count > 0, DomainError.Invalid, "A moderator needs at least one country.", "countries");
        Rules.Require((created.Role == DirectoryAccountRole.CampaignOwner) == (created.CampaignSlug is not null), DomainError.Invalid,
            "A campaign owner, and only a campaign owner, names a campaign.", "campaign");
        var next = created with { Name = Rules.Text(created.Name, "name", 1, 120), Countries = countries, RevokedAt = null };
        await account.Store(new DirectoryAccountRecord { Account = next });
        await GrainFactory.GetGrain<IDirectoryAccountIndexGrain>(0).Add(next.AccountId);
        return next;
    }

    public Task<DirectoryAccount?> Get() => Task.FromResult(account.State.Account);

    public async Task<DirectoryAccount> Revoke()
    {
        var current = account.State.Account;
        Rules.Require(current is not null, DomainError.NotFound, $"No account {this.GetPrimaryKeyString()}.", "accountId");
        if (current!.RevokedAt is null)
        {
            await account.Store(new DirectoryAccountRecord { Account = current with { RevokedAt = DateTimeOffset.UtcNow } });
        }

        return account.State.Account!;
    }
}

[GenerateSerializer]
internal sealed record DirectoryAccountIndexRecord
{
    [Id(0)] public IReadOnlyList<string> AccountIds { get; init; } = [];
}

/// <summary>The ids of every directory account, so the operator can list them.</summary>
internal sealed class DirectoryAccountIndexGrain(
    [PersistentState(DirectoryAccountIndexGrain.StateName)] IPersistentState<DirectoryAccountIndexRecord> index) : Grain, IDirectoryAccountIndexGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "directory-accounts";

    public async Task Add(string accountId)
    {
        if (!index.State.AccountIds.Contains(accountId, StringComparer.Ordinal))
        {
            await index.Store(new DirectoryAccountIndexRecord { AccountIds = [.. index.State.AccountIds, accountId] });
        }
    }

    public Task<IReadOnlyList<string>> AccountIds() => Task.FromResult(index.State.AccountIds);
}
