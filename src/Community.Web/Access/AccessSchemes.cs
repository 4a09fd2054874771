namespace Community.Web.Access;

/// <summary>Authentication scheme names.</summary>
public static class AccessSchemes
{
    /// <summary>Picks <see cref="Bearer"/> when the request carries a token, else <see cref="Cookie"/>.</summary>
    public const string Default = "community";

    /// <summary>ASP.NET Core's bearer-token handler: Data Protection-protected tokens for the API and the hub.</summary>
    public const string Bearer = "community-bearer";

    /// <summary>The same claims in a cookie, for the pages.</summary>
    public const string Cookie = "community-cookie";

    /// <summary>A directory account's claims (<see cref="DirectoryMember"/>) in a cookie of its own, for the moderation
    /// and campaign pages, so signing in there never signs a browser out of its meeting.</summary>
    public const string DirectoryCookie = "community-directory-cookie";

    /// <summary>Where the directory cookie is issued: a person pastes the token an operator or campaign gave them.</summary>
    public const string DirectorySignInPath = "/directory/sign-in";

    /// <summary>The query-string parameter SignalR clients put the token in (WebSockets cannot send headers).</summary>
    public const string QueryToken = "access_token";
}
