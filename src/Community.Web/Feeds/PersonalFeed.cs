using System.Security.Cryptography;
using System.Text;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.DataProtection;

namespace Community.Web.Feeds;

/// <summary>
/// "My meetings" without accounts: the meetings a browser saved from the directory, behind a private feed link.
/// The link's token is the browser's device id sealed with Data Protection (authenticated encryption under the
/// app's key ring), so it cannot be guessed or forged and says nothing; the saved list lives in a grain keyed by a
/// hash of the device id, so storage never holds the cookie's secret either.
/// </summary>
public sealed class PersonalFeed(IDataProtectionProvider protection, IGrainFactory grains)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Community.Feeds.Personal.v1");

    public string Token(string deviceId) => _protector.Protect(deviceId);

    /// <summary>The device a token was issued for; null for anything this app did not issue.</summary>
    public string? DeviceOf(string token)
    {
        try
        {
            return _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public ISavedMeetingsGrain Saved(string deviceId) =>
        grains.GetGrain<ISavedMeetingsGrain>(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"community-saved\n{deviceId}"))));

    /// <summary>The saved meetings that are approved listings now, soonest first; the others are left out.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> EntriesAsync(string deviceId)
    {
        var ids = await Saved(deviceId).List();
        var entries = await Task.WhenAll(ids.Select(id => grains.GetGrain<IListingGrain>(id).PublicEntry()));
        return entries.OfType<DirectoryEntry>().OrderBy(entry => entry.StartsAt).ToList();
    }

    public static string Path(string token) => $"/feeds/{token}.ics";
}
