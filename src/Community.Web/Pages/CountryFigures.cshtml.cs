using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// A country's yearly figures, like Meet and Code's: approved activities and the participants their organisers
/// reported, per year, at /meetings/countries/{CC}.
/// </summary>
public sealed class CountryFiguresModel(IGrainFactory grains) : PageModel
{
    public string Country { get; private set; } = "";

    public int Total { get; private set; }

    public IReadOnlyList<YearFigures> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string country)
    {
        if (!CountryCodes.IsValid(country))
        {
            return NotFound();
        }

        Country = country;
        var directory = grains.GetGrain<IDirectoryGrain>(0);
        var query = new DirectoryQuery { Country = country };
        var total = directory.Search(query, 0, 0);
        Years = await directory.Figures(query);
        Total = (await total).Total;
        return Page();
    }
}
