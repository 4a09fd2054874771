using System.Collections.Concurrent;
using Community.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace Community.Web.Access;

/// <summary>
/// Whether a directory token's account still works: it exists and is not revoked. The answer per account is cached
/// for <see cref="AccessOptions.CheckInterval"/>, as <see cref="MemberChecks"/> does for meetings, so a revoked
/// account is refused on every web node within that interval (plus one grain call).
/// </summary>
public sealed class DirectoryAccountChecks(IGrainFactory grains, TimeProvider time, IOptions<AccessOptions> options)
{
    private const int MaxCachedAccounts = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    private sealed record Cached(Task<DirectoryAccount?> Account, long FetchedAt);

    public async Task<bool> IsValidAsync(DirectoryMember member) =>
        await AccountAsync(member.AccountId) is { RevokedAt: null } account && (int)account.Role == (int)member.Role;

    /// <summary>Forgets what this node knew about the account, after it revoked it itself.</summary>
    public void Forget(string accountId) => _cache.TryRemove(accountId, out _);

    private Task<DirectoryAccount?> AccountAsync(string accountId)
    {
        if (_cache.TryGetValue(accountId, out var cached)
            && !cached.Account.IsFaulted
            && time.GetElapsedTime(cached.FetchedAt) < options.Value.CheckInterval)
        {
            return cached.Account;
        }

        if (_cache.Count >= MaxCachedAccounts)
        {
            _cache.Clear();
        }

        var fresh = new Cached(grains.GetGrain<IDirectoryAccountGrain>(accountId).Get(), time.GetTimestamp());
        _cache[accountId] = fresh;
        return fresh.Account;
    }
}
