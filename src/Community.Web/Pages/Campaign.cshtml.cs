using System.Globalization;
using Community.Content;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>
/// A campaign's public page (docs/campaigns.md): what it is, its dates and deadline, its approved activities (paged),
/// how many per country, the figures reported after its events per year, its feed and its map. Its owner, signed in
/// with the directory cookie, also gets the edit form.
/// </summary>
public sealed class CampaignModel(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<DirectoryPageOptions> map) : PageModel
{
    public const int PageSize = 20;

    public sealed class EditForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public string? RegistrationDeadline { get; set; }
        /// <summary>ISO codes separated by commas or spaces; empty for every country.</summary>
        public string? Countries { get; set; }

        public static EditForm From(CampaignDetails details) => new()
        {
            Title = details.Title,
            Description = details.Description,
            StartsOn = details.StartsOn,
            EndsOn = details.EndsOn,
            RegistrationDeadline = details.RegistrationDeadline.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture),
            Countries = string.Join(", ", details.Countries),
        };

        public CampaignRequest Request() => new(null, UserText.Line(Title) ?? "", UserText.Lines(Description) ?? "", StartsOn, EndsOn, RegistrationDeadline?.Trim(),
            (Countries ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(code => code.ToUpperInvariant()).ToList());
    }

    [BindProperty]
    public EditForm Edit { get; set; } = new();

    /// <summary>From ?page= (read by hand: "page" is a route value Razor Pages keeps for itself).</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    public CampaignView Campaign { get; private set; } = null!;

    public string DescriptionHtml { get; private set; } = "";

    public DirectoryPage Activities { get; private set; } = null!;

    public IReadOnlyList<YearFigures> Years { get; private set; } = [];

    public bool IsOwner { get; private set; }

    public bool EditingOpen { get; private set; }

    public bool RegistrationOpen => DateTimeOffset.UtcNow <= Campaign.Details.RegistrationDeadline;

    public int PageCount => Math.Max(1, (Activities.Total + PageSize - 1) / PageSize);

    public DirectoryQuery Query => new() { Campaign = Campaign.Slug };

    public string MapConfigJson() => map.Value.MapConfigJson(Query);

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await FindAsync(slug) is not { } campaign)
        {
            return NotFound();
        }

        Edit = EditForm.From(campaign.Details);
        return await ShowAsync(campaign);
    }

    public async Task<IActionResult> OnPostEditAsync(string slug)
    {
        if (await FindAsync(slug) is not { } campaign)
        {
            return NotFound();
        }

        if (await OwnerAsync(campaign) is not { } owner)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var request = Edit.Request();
        var validation = new Validation();
        var deadline = CampaignEndpoints.Validate(validation, request, titleRequired: true);
        if (validation.Problem() is { } problem)
        {
            foreach (var (field, messages) in problem.ProblemDetails.Errors)
            {
                ModelState.AddModelError($"{nameof(Edit)}.{FormField(field)}", string.Join(" ", messages));
            }

            EditingOpen = true;
            return await ShowAsync(campaign);
        }

        try
        {
            await grains.GetGrain<ICampaignGrain>(slug).Update(owner.AccountId, CampaignEndpoints.Apply(campaign.Details, request, deadline));
        }
        catch (DomainException refusal) when (refusal.Error == DomainError.Invalid)
        {
            ModelState.AddModelError($"{nameof(Edit)}.{FormField(refusal.Field ?? "")}", refusal.Message);
            EditingOpen = true;
            return await ShowAsync(campaign);
        }

        return Redirect($"/c/{slug}?saved=true#edit-heading");
    }

    /// <summary>The form's field for an API field: "countries[2]" is the one countries box.</summary>
    private static string FormField(string field) =>
        field.StartsWith("countries", StringComparison.Ordinal) ? nameof(EditForm.Countries)
        : field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..];

    private async Task<IActionResult> ShowAsync(CampaignView campaign)
    {
        Campaign = campaign;
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Math.Clamp(number, 1, 500) : 1;
        var directory = grains.GetGrain<IDirectoryGrain>(0);
        var activities = directory.Search(Query, (PageNumber - 1) * PageSize, PageSize);
        var years = directory.Figures(Query);
        Activities = await activities;
        Years = await years;
        DescriptionHtml = MarkdownRenderer.TryToHtml(campaign.Details.Description, out var html) ? html : "";
        IsOwner = await OwnerAsync(campaign) is not null;
        return Page();
    }

    /// <summary>The signed-in directory account when it owns this campaign.</summary>
    private async Task<DirectoryMember?> OwnerAsync(CampaignView campaign)
    {
        var signedIn = await HttpContext.AuthenticateAsync(AccessSchemes.DirectoryCookie);
        return DirectoryMember.From(signedIn.Principal) is { Role: DirectoryRole.CampaignOwner } member
               && campaign.OwnerIds.Contains(member.AccountId, StringComparer.Ordinal)
            ? member
            : null;
    }

    private async Task<CampaignView?> FindAsync(string slug)
    {
        try
        {
            return await grains.GetGrain<ICampaignGrain>(slug).Get();
        }
        catch (DomainException exception) when (exception.Error == DomainError.NotFound)
        {
            return null;
        }
    }
}
