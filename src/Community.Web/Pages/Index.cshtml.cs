using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

public sealed class IndexModel(IStringLocalizer<PageText> texts) : PageModel
{
    public string? Code { get; private set; }

    public string? CodeError { get; private set; }

    public IActionResult OnPost(string? code)
    {
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            CodeError = texts["Index.CodeRequired"];
            return Page();
        }

        return Redirect($"/j/{Uri.EscapeDataString(Codes.Normalize(code))}");
    }
}
