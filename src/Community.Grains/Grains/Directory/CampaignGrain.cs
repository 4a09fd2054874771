using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

[GenerateSerializer]
internal sealed record CampaignRecord
{
    [Id(0)] public bool Created { get; init; }
    [Id(1)] public CampaignDetails Details { get; init; } = new();
    [Id(2)] public IReadOnlyList<string> OwnerIds { get; init; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A campaign, keyed by its slug: the one writer of its details and owners, and the judge of whether a meeting may
/// still join it (before its registration deadline, from one of its countries).
/// </summary>
internal sealed class CampaignGrain(
    [PersistentState(CampaignGrain.StateName)] IPersistentState<CampaignRecord> campaign) : Grain, ICampaignGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "campaign";

    private string Slug => this.GetPrimaryKeyString();

    public async Task<CampaignView> Create(string ownerId, CampaignDetails details)
    {
        Rules.Require(!campaign.State.Created, DomainError.Conflict, $"Campaign {Slug} already exists.", "slug");
        Rules.Require(CampaignLimits.SlugPattern().IsMatch(Slug), DomainError.Invalid,
            "slug must be 3-60 of a-z, 0-9 and '-', starting and ending with a letter or digit.", "slug");
        Rules.Text(ownerId, "ownerId", 1, 200);
        await campaign.Store(new CampaignRecord
        {
            Created = true,
            Details = Validate(details),
            OwnerIds = [ownerId],
            CreatedAt = DateTimeOffset.UtcNow,
        });
        return View();
    }

    public Task<CampaignView> Get()
    {
        EnsureCreated();
        return Task.FromResult(View());
    }

    public async Task<CampaignView> Update(string ownerId, CampaignDetails details)
    {
        EnsureCreated();
        Rules.Require(campaign.State.OwnerIds.Contains(ownerId, StringComparer.Ordinal), DomainError.Forbidden,
            "Only the campaign's owners may change it.");
        var validated = Validate(details);
        if (validated != campaign.State.Details)
        {
            await campaign.Store(campaign.State with { Details = validated });
        }

        return View();
    }

    public Task CheckEnrolment(string meetingId, string? country)
    {
        EnsureCreated();
        var details = campaign.State.Details;
        Rules.Require(DateTimeOffset.UtcNow <= details.RegistrationDeadline, DomainError.DeadlinePassed,
            $"Registration for campaign {Slug} closed at {details.RegistrationDeadline:O}.", "campaign");
        Rules.Require(details.Countries.Count == 0 || (country is not null && details.Countries.Contains(country, StringComparer.Ordinal)),
            DomainError.Invalid, $"Campaign {Slug} takes meetings in {string.Join(", ", details.Countries)} only.", "campaign");
        return Task.CompletedTask;
    }

    /// <summary>The campaign's invariants, each naming the field as the JSON body spells it.</summary>
    internal static CampaignDetails Validate(CampaignDetails details)
    {
        var title = Rules.Text(details.Title, "title", 1, CampaignLimits.MaxTitleLength);
        var description = Rules.Text(details.Description, "description", 0, CampaignLimits.MaxDescriptionLength);
        Rules.Require(details.StartsOn != default, DomainError.Invalid, "startsOn is required.", "startsOn");
        Rules.Require(details.EndsOn >= details.StartsOn, DomainError.Invalid, "endsOn must not be before startsOn.", "endsOn");
        Rules.Require(details.RegistrationDeadline != default, DomainError.Invalid, "registrationDeadline is required.", "registrationDeadline");
        Rules.AtMost(details.Countries, CampaignLimits.MaxCountries, "countries");
        var countries = new List<string>();
        for (var index = 0; index < details.Countries.Count; index++)
        {
            var country = Rules.Country(details.Countries[index], $"countries[{index}]");
            if (!countries.Contains(country, StringComparer.Ordinal))
            {
                countries.Add(country);
            }
        }

        return details with { Title = title, Description = description, Countries = countries };
    }

    private void EnsureCreated() =>
        Rules.Require(campaign.State.Created, DomainError.NotFound, $"Campaign {Slug} does not exist.", "campaign");

    private CampaignView View() => new(Slug, campaign.State.Details, campaign.State.OwnerIds, campaign.State.CreatedAt);
}
