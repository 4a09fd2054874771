using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Directory;

[Collection(WebCollection.Name)]
public sealed class CampaignApiTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    internal static object Campaign(string slug, string deadline = "2099-10-15T23:59:00+03:00", string[]? countries = null) => new
    {
        slug,
        title = "Experts Go Back-to-School",
        description = "Professionals visit **schools**.",
        startsOn = "2026-09-01",
        endsOn = "2026-12-15",
        registrationDeadline = deadline,
        countries = countries ?? ["BG", "RO"],
    };

    internal static async Task<CampaignCreatedResponse> CreateAsync(CommunityWebApp app, object campaign)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/campaigns", campaign, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await CommunityWebApp.ReadAsync<CampaignCreatedResponse>(response);
    }

    private static string NewSlug() => $"campaign-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_campaign_is_created_read_back_and_its_slug_is_taken_after()
    {
        var slug = NewSlug();
        var created = await CreateAsync(App, Campaign(slug));

        Assert.Equal(slug, created.Slug);
        Assert.NotEmpty(created.OwnerToken);
        using var anonymous = App.CreateClient();
        var read = await anonymous.GetFromJsonAsync<CampaignView>($"/api/campaigns/{slug}", CommunityWebApp.Json);
        Assert.Equal("Experts Go Back-to-School", read!.Details.Title);
        Assert.Equal(new DateTimeOffset(2099, 10, 15, 23, 59, 0, TimeSpan.FromHours(3)), read.Details.RegistrationDeadline);
        Assert.Equal(["BG", "RO"], read.Details.Countries);

        using var again = await anonymous.PostAsJsonAsync("/api/campaigns", Campaign(slug), CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await AccessTests.AssertProblemAsync(again, "/problems/conflict");
        using var missing = await anonymous.GetAsync($"/api/campaigns/{NewSlug()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"slug":"Bad_Slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "slug" },
        { """{"slug":"-ab","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "slug" },
        { """{"slug":"fine-slug","title":"","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "title" },
        { $$"""{"slug":"fine-slug","title":"{{new string('t', 121)}}","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "title" },
        { $$"""{"slug":"fine-slug","title":"T","description":"{{new string('d', 5001)}}","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "description" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-03","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "endsOn" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02"}""", "registrationDeadline" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00"}""", "registrationDeadline" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"next week"}""", "registrationDeadline" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z","countries":["bg"]}""", "countries[0]" },
        { """{"slug":"fine-slug","title":"T","startsOn":"2026-09-01","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z","countries":["XX"]}""", "countries[0]" },
        { """{"slug":"fine-slug","title":"T","startsOn":"September","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "startsOn" },
        { """{"slug":"fine-slug","title":"T","endsOn":"2026-09-02","registrationDeadline":"2026-08-01T00:00:00Z"}""", "startsOn" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_names_the_field_and_creates_nothing(string body, string field)
    {
        using var client = App.CreateClient();
        using var response = await client.PostAsync("/api/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var read = await client.GetAsync("/api/campaigns/fine-slug");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Only_the_campaigns_owner_edits_it()
    {
        var slug = NewSlug();
        var created = await CreateAsync(App, Campaign(slug));
        var other = await CreateAsync(App, Campaign(NewSlug()));
        var meeting = await App.CreateMeetingAsync();
        using var owner = App.CreateClient(created.OwnerToken);
        using var otherOwner = App.CreateClient(other.OwnerToken);
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        using var anonymous = App.CreateClient();
        var edit = new { title = "Experts Go Back-to-School 2026", countries = new[] { "BG" } };

        using var byOther = await otherOwner.PatchAsJsonAsync($"/api/campaigns/{slug}", edit, CommunityWebApp.Json);
        using var byOrganiser = await organiser.PatchAsJsonAsync($"/api/campaigns/{slug}", edit, CommunityWebApp.Json);
        using var byNobody = await anonymous.PatchAsJsonAsync($"/api/campaigns/{slug}", edit, CommunityWebApp.Json);
        using var bad = await owner.PatchAsJsonAsync($"/api/campaigns/{slug}", new { title = " ", registrationDeadline = "2026-01-01" }, CommunityWebApp.Json);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOrganiser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await AccessTests.AssertProblemAsync(bad, "/problems/invalid")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _) && errors.TryGetProperty("registrationDeadline", out _), errors.ToString());
        Assert.Equal("Experts Go Back-to-School", (await anonymous.GetFromJsonAsync<CampaignView>($"/api/campaigns/{slug}", CommunityWebApp.Json))!.Details.Title);

        using var byOwner = await owner.PatchAsJsonAsync($"/api/campaigns/{slug}", edit, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        var updated = await CommunityWebApp.ReadAsync<CampaignView>(byOwner);
        Assert.Equal("Experts Go Back-to-School 2026", updated.Details.Title);
        Assert.Equal(["BG"], updated.Details.Countries);
        Assert.Equal("Professionals visit **schools**.", updated.Details.Description);
    }

    [Fact]
    public async Task A_listing_joins_before_the_deadline_and_is_refused_after_or_from_another_country()
    {
        var open = await CreateAsync(App, Campaign(NewSlug()));
        var closed = await CreateAsync(App, Campaign(NewSlug(), deadline: "2020-01-01T00:00:00+02:00"));
        var elsewhere = await CreateAsync(App, Campaign(NewSlug(), countries: ["DE"]));
        var meeting = await App.CreateMeetingAsync();
        var listing = fixture.Cluster.Grains.GetGrain<IListingGrain>(meeting.MeetingId);
        var organiser = new Actor(meeting.OrganiserId, "Organiser", Role.Organiser);

        var late = await Assert.ThrowsAsync<DomainException>(() => listing.Update(organiser, new ListingDetails { CampaignSlug = closed.Slug }));
        var foreign = await Assert.ThrowsAsync<DomainException>(() => listing.Update(organiser, new ListingDetails { CampaignSlug = elsewhere.Slug }));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => listing.Update(organiser, new ListingDetails { CampaignSlug = NewSlug() }));
        var joined = await listing.Update(organiser, new ListingDetails { CampaignSlug = open.Slug });

        Assert.Equal(DomainError.DeadlinePassed, late.Error);
        Assert.Equal(DomainError.Invalid, foreign.Error);
        Assert.Equal("campaign", foreign.Field);
        Assert.Equal(DomainError.NotFound, unknown.Error);
        Assert.Equal(open.Slug, joined.Details.CampaignSlug);
    }
}

[Collection(WebCollection.Name)]
public sealed class FiguresApiTests(WebFixture fixture)
{
    [Fact]
    public async Task The_organiser_reports_and_corrects_figures_and_each_change_is_in_the_history()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var url = $"/api/meetings/{meeting.MeetingId}/figures";

        using var first = await organiser.PutAsJsonAsync(url, new { participants = 40, byAgeBand = new Dictionary<string, int> { ["12-18"] = 35, ["26-64"] = 5 }, byGender = new Dictionary<string, int> { ["female"] = 22 } }, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await organiser.PutAsJsonAsync(url, new { participants = 42 }, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var read = await organiser.GetFromJsonAsync<FiguresResponse>(url, CommunityWebApp.Json);
        Assert.Equal(42, read!.Figures!.Participants);
        Assert.Empty(read.Figures.ByAgeBand);
        Assert.Equal([40, 42], read.History.Select(entry => entry.Figures!.Participants));
        Assert.Equal(35, read.History[0].Figures!.ByAgeBand["12-18"]);
        Assert.All(read.History, entry => Assert.Equal(meeting.OrganiserId, entry.ActorId));
    }

    [Fact]
    public async Task The_consoles_figures_form_reports_corrects_and_lists_the_changes_and_refuses_bad_counts()
    {
        var meeting = await fixture.App.CreateMeetingAsync();
        using var organiser = fixture.App.CreateClient(meeting.OrganiserToken);
        var console = $"/m/{meeting.MeetingId}/organise";
        var post = $"/m/{meeting.MeetingId}/figures";

        using var reported = await PageForms.PostAsync(organiser, console, post, new Dictionary<string, string>
        {
            ["participants"] = "30", ["byAgeBand.12-18"] = "25", ["byAgeBand.26-64"] = "", ["byGender.female"] = "14",
        });
        using var corrected = await PageForms.PostAsync(organiser, console, post, new Dictionary<string, string> { ["participants"] = "31", ["byAgeBand.12-18"] = "25" });
        using var tooMany = await PageForms.PostAsync(organiser, console, post, new Dictionary<string, string> { ["participants"] = "5", ["byGender.male"] = "6" });
        using var notANumber = await PageForms.PostAsync(organiser, console, post, new Dictionary<string, string> { ["participants"] = "many" });

        // Sent back to the console (the test client drops the bearer token on redirects, so it lands there by way of the return URL).
        Assert.Contains($"{console}?figures=saved", Uri.UnescapeDataString(reported.RequestMessage!.RequestUri!.ToString()));
        var page = await organiser.GetStringAsync($"{console}?figures=saved");
        Assert.Contains("Figures saved.", page);
        Assert.Contains("Organiser set 30 participants", page);
        Assert.Contains("Organiser set 31 participants", page);
        Assert.Contains("byGender: Adds up to more than participants.", await tooMany.Content.ReadAsStringAsync());
        Assert.Contains("participants: a whole number.", await notANumber.Content.ReadAsStringAsync());
        var figures = (await organiser.GetFromJsonAsync<FiguresResponse>($"/api/meetings/{meeting.MeetingId}/figures", CommunityWebApp.Json))!;
        Assert.Equal(31, figures.Figures!.Participants);
        Assert.Equal(25, figures.Figures.ByAgeBand["12-18"]);
        Assert.Empty(figures.Figures.ByGender);
        Assert.Equal(2, figures.History.Count);
    }

    public static TheoryData<string, string> BadFigures => new()
    {
        { """{}""", "participants" },
        { """{"participants":-1}""", "participants" },
        { """{"participants":"12"}""", "participants" },
        { """{"participants":10,"byAgeBand":{"toddlers":1}}""", "byAgeBand.toddlers" },
        { """{"participants":10,"byAgeBand":{"12-18":-1}}""", "byAgeBand.12-18" },
        { """{"participants":10,"byAgeBand":{"12-18":6,"19-25":5}}""", "byAgeBand" },
        { """{"participants":10,"byGender":{"female":11}}""", "byGender" },
        { """{"participants":10,"byGender":{"robot":1}}""", "byGender.robot" },
    };

    [Theory]
    [MemberData(nameof(BadFigures))]
    public async Task Bad_figures_name_the_field_and_change_nothing(string body, string field)
    {
        var session = (await fixture.SharedSessionAsync()).Session;
        var url = $"{session.MeetingUrl}/figures";

        using var response = await session.Organiser.PutAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Null((await session.Organiser.GetFromJsonAsync<FiguresResponse>(url, CommunityWebApp.Json))!.Figures);
    }

    [Fact]
    public async Task Only_the_organiser_reports_figures()
    {
        var session = (await fixture.SharedSessionAsync()).Session;
        var url = $"{session.MeetingUrl}/figures";

        using var byParticipant = await session.Ana.PutAsJsonAsync(url, new { participants = 3 }, CommunityWebApp.Json);
        using var byNobody = await session.Anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, byParticipant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }
}
