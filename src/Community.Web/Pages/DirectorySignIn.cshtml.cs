using Community.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// A directory account (moderator, organisation, campaign owner) pastes the token it was given and gets the
/// directory cookie (<see cref="AccessSchemes.DirectoryCookie"/>), which never touches a meeting's cookie.
/// </summary>
public sealed class DirectorySignInModel(AccessTokens tokens, DirectoryAccountChecks checks, IStringLocalizer<PageText> texts) : PageModel
{
    public const string DefaultReturnUrl = "/moderate";

    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? LocalReturnUrl => ReturnUrls.Local(Url, ReturnUrl);

    /// <summary>The account signed in with the directory cookie, if any.</summary>
    public DirectoryMember? Account { get; private set; }

    public string? TokenError { get; private set; }

    public async Task OnGetAsync() =>
        Account = DirectoryMember.From((await HttpContext.AuthenticateAsync(AccessSchemes.DirectoryCookie)).Principal);

    public async Task<IActionResult> OnPostAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 8_000
            || tokens.ReadDirectoryToken(token.Trim()) is not { } account || !await checks.IsValidAsync(account))
        {
            TokenError = texts["DirectorySignIn.Invalid"];
            return Page();
        }

        await HttpContext.SignInAsync(AccessSchemes.DirectoryCookie, account.ToPrincipal(AccessSchemes.DirectoryCookie));
        return LocalRedirect(LocalReturnUrl ?? DefaultReturnUrl);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AccessSchemes.DirectoryCookie);
        return RedirectToPage();
    }
}
