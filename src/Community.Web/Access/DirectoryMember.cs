using System.Globalization;
using System.Security.Claims;
using Community.Grains.Abstractions;

namespace Community.Web.Access;

/// <summary>What a directory account may do; the platform's operator (a configured key) appoints them.</summary>
public enum DirectoryRole
{
    /// <summary>Reviews public listings of its <see cref="DirectoryMember.Countries"/>.</summary>
    Moderator = 0,
    /// <summary>Registers many activities at once (the import).</summary>
    Organisation = 1,
    /// <summary>Owns one campaign (<see cref="DirectoryMember.CampaignSlug"/>): edits it and reviews its listings.</summary>
    CampaignOwner = 2,
}

/// <summary>
/// Who a directory token or cookie says its holder is: an account outside any one meeting, with a role and its
/// scope. It carries no meeting claim, so it never passes a meeting's role check (and a meeting token never
/// passes a directory check).
/// </summary>
public sealed record DirectoryMember(
    string AccountId,
    string Name,
    DirectoryRole Role,
    IReadOnlyList<string> Countries,
    string? CampaignSlug)
{
    public const string AccountClaim = "community:account";
    public const string DirectoryRoleClaim = "community:directory-role";
    public const string CountryClaim = "community:country";
    public const string CampaignClaim = "community:campaign";

    /// <summary>What moderation grains are told about the caller; null for an account that moderates nothing.</summary>
    public Moderator? AsModerator() => Role switch
    {
        DirectoryRole.Moderator => new Moderator(AccountId, Name, Countries, null),
        DirectoryRole.CampaignOwner => new Moderator(AccountId, Name, [], CampaignSlug),
        _ => null,
    };

    public ClaimsPrincipal ToPrincipal(string authenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(AccountClaim, AccountId),
            new(ClaimTypes.NameIdentifier, AccountId),
            new(ClaimTypes.Name, Name),
            new(DirectoryRoleClaim, ((int)Role).ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Countries.Select(country => new Claim(CountryClaim, country)));
        if (CampaignSlug is not null)
        {
            claims.Add(new Claim(CampaignClaim, CampaignSlug));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme, ClaimTypes.Name, DirectoryRoleClaim));
    }

    /// <summary>The account an authenticated user stands for; null when anonymous, a meeting member or incomplete.</summary>
    public static DirectoryMember? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || user.FindFirstValue(AccountClaim) is not { Length: > 0 } accountId
            || !int.TryParse(user.FindFirstValue(DirectoryRoleClaim), CultureInfo.InvariantCulture, out var roleValue)
            || !Enum.IsDefined((DirectoryRole)roleValue))
        {
            return null;
        }

        var countries = user.FindAll(CountryClaim).Select(claim => claim.Value).ToList();
        return new DirectoryMember(accountId, user.FindFirstValue(ClaimTypes.Name) ?? "", (DirectoryRole)roleValue, countries, user.FindFirstValue(CampaignClaim));
    }
}
