using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests;

/// <summary>
/// The operator's directory accounts, the organiser's listing and the moderators' decisions, through the real API
/// (and the public page /m/{id} with its JSON-LD), against the real cluster.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class ModerationTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    private HttpClient Operator(string key = WebFixture.OperatorKey)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DirectoryAccountEndpoints.OperatorScheme, key);
        return client;
    }

    private async Task<DirectoryAccountCreatedResponse> ModeratorAsync(params string[] countries)
    {
        using var client = Operator();
        using var response = await client.PostAsJsonAsync("/api/directory/accounts", new { role = "moderator", name = $"Moderator of {string.Join("+", countries)}", countries }, CommunityWebApp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await CommunityWebApp.ReadAsync<DirectoryAccountCreatedResponse>(response);
    }

    /// <summary>A meeting with dates and a venue, its listing details set; submitted unless told otherwise.</summary>
    private async Task<(MeetingCreatedResponse Meeting, HttpClient Organiser)> ListingAsync(
        string country, string title = "Code club open day", bool submit = true, string? campaign = null, string attendance = "inPerson")
    {
        var meeting = await App.CreateMeetingAsync(title);
        var organiser = App.CreateClient(meeting.OrganiserToken);
        await ApiSession.SendAsync<MeetingView>(organiser, HttpMethod.Patch, $"/api/meetings/{meeting.MeetingId}", new
        {
            country,
            startsAt = "2026-11-02T17:00:00+01:00",
            endsAt = "2026-11-02T19:00:00+01:00",
            timeZone = "Europe/Berlin",
            venueName = "Town library",
            onlineLink = "https://meet.example.org/open-day",
            description = "Bring a laptop.",
            languages = new[] { "en", "de" },
            tags = new[] { "codeweek" },
        });
        await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Put, ListingUrl(meeting), new
        {
            format = "workshop",
            attendance,
            minAge = 10,
            maxAge = 14,
            location = new { latitude = 52.52, longitude = 13.405 },
            capacity = 30,
            campaign,
            organiserName = "Code Club Mitte",
        });
        if (submit)
        {
            var submitted = await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Post, $"{ListingUrl(meeting)}/submit");
            Assert.Equal(ListingReview.Pending, submitted.Review);
        }

        return (meeting, organiser);
    }

    private static string ListingUrl(MeetingCreatedResponse meeting) => $"/api/meetings/{meeting.MeetingId}/listing";

    [Fact]
    public async Task The_operator_api_wants_the_key_and_does_not_exist_without_one()
    {
        using var missing = await App.CreateClient().GetAsync("/api/directory/accounts");
        await AccessTests.AssertProblemAsync(missing, "/problems/unauthenticated");
        using var wrongClient = Operator("not-the-key");
        using var wrong = await wrongClient.PostAsJsonAsync("/api/directory/accounts", new { role = "moderator", name = "Eve", countries = new[] { "BG" } });
        await AccessTests.AssertProblemAsync(wrong, "/problems/unauthenticated");
        using var bearerClient = App.CreateClient(WebFixture.OperatorKey);
        using var bearer = await bearerClient.GetAsync("/api/directory/accounts");
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);

        await using var unconfigured = CommunityWebApp.Start(fixture.Cluster);
        using var noOperator = unconfigured.CreateClient();
        noOperator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DirectoryAccountEndpoints.OperatorScheme, "");
        using var absent = await noOperator.GetAsync("/api/directory/accounts");
        await AccessTests.AssertProblemAsync(absent, "/problems/not-found");
    }

    [Theory]
    [InlineData("""{"role":"admin","name":"Eve","countries":["BG"]}""", "role")]
    [InlineData("""{"role":"moderator","name":"  ","countries":["BG"]}""", "name")]
    [InlineData("""{"role":"moderator","name":"Eve"}""", "countries")]
    [InlineData("""{"role":"moderator","name":"Eve","countries":["XX"]}""", "countries[0]")]
    [InlineData("""{"role":"moderator","name":"Eve","countries":["bg"]}""", "countries[0]")]
    public async Task Bad_accounts_are_refused_naming_the_field_and_nothing_is_created(string body, string field)
    {
        using var client = Operator();
        var before = await ApiSession.GetAsync<List<DirectoryAccount>>(client, "/api/directory/accounts");

        using var response = await client.PostAsync("/api/directory/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before.Count, (await ApiSession.GetAsync<List<DirectoryAccount>>(client, "/api/directory/accounts")).Count);
    }

    [Fact]
    public async Task A_moderator_is_confined_to_their_countries_and_a_revoked_token_stops_working()
    {
        var bulgaria = await ModeratorAsync("BG");
        var germany = await ModeratorAsync("DE");
        var (meeting, organiser) = await ListingAsync("DE");
        using var bg = App.CreateClient(bulgaria.Token);
        using var de = App.CreateClient(germany.Token);

        Assert.DoesNotContain(await ApiSession.GetAsync<List<PendingListing>>(bg, "/api/moderation/queue"), item => item.MeetingId == meeting.MeetingId);
        Assert.Contains(await ApiSession.GetAsync<List<PendingListing>>(de, "/api/moderation/queue"), item => item.MeetingId == meeting.MeetingId);
        using var outOfScope = await bg.PostAsync($"{ListingUrl(meeting)}/approve", null);
        await AccessTests.AssertProblemAsync(outOfScope, "/problems/forbidden");
        // A meeting's organiser token is no directory account.
        using var organiserTries = await organiser.PostAsync($"{ListingUrl(meeting)}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, organiserTries.StatusCode);
        Assert.Equal(ListingReview.Pending, (await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting))).Review);

        var approved = await ApiSession.SendAsync<ListingView>(de, HttpMethod.Post, $"{ListingUrl(meeting)}/approve");
        Assert.Equal(ListingReview.Approved, approved.Review);
        Assert.DoesNotContain(await ApiSession.GetAsync<List<PendingListing>>(de, "/api/moderation/queue"), item => item.MeetingId == meeting.MeetingId);
        var decision = Assert.Single(await ApiSession.GetAsync<List<ModerationDecision>>(de, "/api/moderation/decisions"), item => item.MeetingId == meeting.MeetingId);
        Assert.Equal(("approved", germany.AccountId), (decision.Decision.Action, decision.Decision.ActorId));

        // A second web node on the same cluster has checked the account (and cached the answer) before the revocation.
        await using var otherNode = CommunityWebApp.Start(fixture.Cluster);
        using var deOnOtherNode = otherNode.CreateClient(germany.Token);
        Assert.Equal(HttpStatusCode.OK, (await deOnOtherNode.GetAsync("/api/moderation/queue")).StatusCode);
        using var client = Operator();
        var listed = await ApiSession.GetAsync<List<DirectoryAccount>>(client, "/api/directory/accounts");
        Assert.Contains(listed, account => account.AccountId == germany.AccountId && account.Countries.SequenceEqual(["DE"]) && account.RevokedAt is null);
        var revoked = await ApiSession.SendAsync<DirectoryAccount>(client, HttpMethod.Delete, $"/api/directory/accounts/{germany.AccountId}");
        Assert.NotNull(revoked.RevokedAt);

        using var afterRevocation = await de.GetAsync("/api/moderation/queue");
        await AccessTests.AssertProblemAsync(afterRevocation, "/problems/unauthenticated");
        // The other node within its check interval (half a second): asked until refused, for at most two seconds.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await deOnOtherNode.GetAsync("/api/moderation/queue")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The other node still admits the revoked account after {clock.Elapsed}.");
            await Task.Delay(50);
        }
        using var unknown = await client.DeleteAsync("/api/directory/accounts/nosuchaccount");
        await AccessTests.AssertProblemAsync(unknown, "/problems/not-found");
    }

    [Fact]
    public async Task A_rejection_shows_its_reason_to_the_organiser_and_the_trail_keeps_every_decision()
    {
        var moderator = await ModeratorAsync("AT");
        using var at = App.CreateClient(moderator.Token);
        var (meeting, organiser) = await ListingAsync("AT");
        var rejectUrl = $"{ListingUrl(meeting)}/reject";

        foreach (var bad in new object[] { new { reason = "" }, new { reason = "   " }, new { reason = new string('x', 501) }, new { } })
        {
            using var refused = await at.PostAsJsonAsync(rejectUrl, bad);
            var problem = await AccessTests.AssertProblemAsync(refused, "/problems/invalid");
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }

        Assert.Equal(ListingReview.Pending, (await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting))).Review);
        await ApiSession.SendAsync<ListingView>(at, HttpMethod.Post, rejectUrl, new { reason = "Please add the venue's street." });

        var seen = await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting));
        Assert.Equal((ListingReview.Rejected, "Please add the venue's street."), (seen.Review, seen.RejectionReason));
        Assert.Equal(["submitted", "rejected"], seen.Audit.Select(entry => entry.Action));
        using var console = await organiser.GetAsync($"/m/{meeting.MeetingId}/organise");
        Assert.Contains("Please add the venue&#x27;s street.", await console.Content.ReadAsStringAsync());

        await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Post, $"{ListingUrl(meeting)}/submit");
        await ApiSession.SendAsync<ListingView>(at, HttpMethod.Post, $"{ListingUrl(meeting)}/approve");
        using var twice = await at.PostAsync($"{ListingUrl(meeting)}/approve", null);
        await AccessTests.AssertProblemAsync(twice, "/problems/conflict");

        var trail = (await ApiSession.GetAsync<List<ModerationDecision>>(at, "/api/moderation/decisions?limit=500"))
            .Where(item => item.MeetingId == meeting.MeetingId).Select(item => item.Decision.Action);
        Assert.Equal(["approved", "rejected"], trail);
        using var badLimit = await at.GetAsync("/api/moderation/decisions?limit=0");
        await AccessTests.AssertProblemAsync(badLimit, "/problems/invalid");
    }

    [Fact]
    public async Task A_campaign_owner_moderates_the_listings_of_their_campaign_only()
    {
        var slug = $"owner-{Guid.NewGuid():N}"[..20];
        var ownerId = Guid.NewGuid().ToString("N");
        await fixture.Cluster.Grains.GetGrain<ICampaignGrain>(slug).Create(ownerId, new CampaignDetails
        {
            Title = "Back to school",
            StartsOn = new DateOnly(2026, 9, 1),
            EndsOn = new DateOnly(2027, 6, 30),
            RegistrationDeadline = DateTimeOffset.UtcNow.AddDays(30),
        });
        var owner = new DirectoryMember(ownerId, "Campaign owner", DirectoryRole.CampaignOwner, [], slug);
        await fixture.Cluster.Grains.GetGrain<IDirectoryAccountGrain>(ownerId)
            .Create(new DirectoryAccount(ownerId, owner.Name, DirectoryAccountRole.CampaignOwner, [], slug, DateTimeOffset.UtcNow));
        using var client = App.CreateClient(App.Services.GetRequiredService<AccessTokens>().Issue(owner));
        var (inCampaign, _) = await ListingAsync("FR", campaign: slug);
        var (outside, _) = await ListingAsync("FR");

        Assert.Equal([inCampaign.MeetingId], (await ApiSession.GetAsync<List<PendingListing>>(client, "/api/moderation/queue")).Select(item => item.MeetingId));
        using var refused = await client.PostAsync($"{ListingUrl(outside)}/approve", null);
        await AccessTests.AssertProblemAsync(refused, "/problems/forbidden");
        var approved = await ApiSession.SendAsync<ListingView>(client, HttpMethod.Post, $"{ListingUrl(inCampaign)}/approve");
        Assert.Equal(ListingReview.Approved, approved.Review);
    }

    [Theory]
    [InlineData("""{"minAge":-1}""", "minAge")]
    [InlineData("""{"maxAge":121}""", "maxAge")]
    [InlineData("""{"minAge":15,"maxAge":10}""", "maxAge")]
    [InlineData("""{"location":{"latitude":90.5,"longitude":0}}""", "location.latitude")]
    [InlineData("""{"location":{"latitude":0,"longitude":-180.01}}""", "location.longitude")]
    [InlineData("""{"capacity":0}""", "capacity")]
    [InlineData("""{"capacity":1000001}""", "capacity")]
    [InlineData("""{"imageUrl":"http://example.org/a.png"}""", "imageUrl")]
    [InlineData("""{"imageUrl":"/media/a.png"}""", "imageUrl")]
    [InlineData("""{"campaign":"No Spaces"}""", "campaign")]
    [InlineData("""{"price":-1}""", "price")]
    [InlineData("""{"format":"party"}""", "format")]
    [InlineData("""{"attendance":2}""", "attendance")]
    public async Task Bad_listing_details_are_refused_naming_the_field_and_change_nothing(string body, string field)
    {
        var (meeting, organiser) = await ListingAsync("IT", submit: false);
        var before = await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting));

        using var response = await organiser.PutAsync(ListingUrl(meeting), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await AccessTests.AssertProblemAsync(response, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before.Details, (await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting))).Details);
    }

    [Fact]
    public async Task Only_the_organiser_touches_the_listing_and_an_incomplete_one_cannot_be_submitted()
    {
        var meeting = await App.CreateMeetingAsync("No dates yet");
        using var organiser = App.CreateClient(meeting.OrganiserToken);
        var joined = await App.JoinAsync(meeting.JoinCode, "Ana");
        using var participant = App.CreateClient(joined.Token);

        using var anonymous = await App.CreateClient().GetAsync(ListingUrl(meeting));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var byParticipant = await participant.PostAsync($"{ListingUrl(meeting)}/submit", null);
        Assert.Equal(HttpStatusCode.Forbidden, byParticipant.StatusCode);
        using var incomplete = await organiser.PostAsync($"{ListingUrl(meeting)}/submit", null);
        var problem = await AccessTests.AssertProblemAsync(incomplete, "/problems/invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty("startsAt", out _));
        Assert.Equal(ListingReview.Private, (await ApiSession.GetAsync<ListingView>(organiser, ListingUrl(meeting))).Review);
    }

    [Fact]
    public async Task A_private_or_unapproved_meeting_page_carries_no_json_ld_and_an_approved_one_carries_the_event()
    {
        var moderator = await ModeratorAsync("NL");
        using var nl = App.CreateClient(moderator.Token);
        var (meeting, organiser) = await ListingAsync("NL", title: "Hybrid </script><script>alert(1)</script> day", attendance: "hybrid");
        var (unsubmitted, _) = await ListingAsync("NL", submit: false);
        using var visitor = App.CreateClient();

        Assert.Null(await JsonLdAsync(visitor, unsubmitted.MeetingId));
        Assert.Null(await JsonLdAsync(visitor, meeting.MeetingId));
        await ApiSession.SendAsync<ListingView>(nl, HttpMethod.Post, $"{ListingUrl(meeting)}/reject", new { reason = "Not yet." });
        Assert.Null(await JsonLdAsync(visitor, meeting.MeetingId));
        await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Post, $"{ListingUrl(meeting)}/submit");
        await ApiSession.SendAsync<ListingView>(nl, HttpMethod.Post, $"{ListingUrl(meeting)}/approve");

        var html = await (await visitor.GetAsync($"/m/{meeting.MeetingId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        var json = (await JsonLdAsync(visitor, meeting.MeetingId))!.Value;
        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("Event", json.GetProperty("@type").GetString());
        Assert.Equal("Hybrid </script><script>alert(1)</script> day", json.GetProperty("name").GetString());
        Assert.Equal("2026-11-02T17:00:00+01:00", json.GetProperty("startDate").GetString());
        Assert.Equal("2026-11-02T19:00:00+01:00", json.GetProperty("endDate").GetString());
        Assert.Equal("https://schema.org/EventScheduled", json.GetProperty("eventStatus").GetString());
        Assert.Equal("https://schema.org/MixedEventAttendanceMode", json.GetProperty("eventAttendanceMode").GetString());
        var locations = json.GetProperty("location").EnumerateArray().ToList();
        Assert.Equal(["Place", "VirtualLocation"], locations.Select(location => location.GetProperty("@type").GetString()));
        Assert.Equal("NL", locations[0].GetProperty("address").GetProperty("addressCountry").GetString());
        Assert.Equal(52.52, locations[0].GetProperty("geo").GetProperty("latitude").GetDouble());
        Assert.Equal("https://meet.example.org/open-day", locations[1].GetProperty("url").GetString());
        Assert.Equal(("Organization", "Code Club Mitte"), (json.GetProperty("organizer").GetProperty("@type").GetString(), json.GetProperty("organizer").GetProperty("name").GetString()));
        Assert.Equal(0m, json.GetProperty("offers").GetProperty("price").GetDecimal());
        Assert.Equal("EUR", json.GetProperty("offers").GetProperty("priceCurrency").GetString());
        Assert.EndsWith($"/m/{meeting.MeetingId}", json.GetProperty("url").GetString());
        Assert.Contains("Workshop", html);

        await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Post, $"{ListingUrl(meeting)}/cancel");
        Assert.Equal("https://schema.org/EventCancelled", (await JsonLdAsync(visitor, meeting.MeetingId))!.Value.GetProperty("eventStatus").GetString());
        await ApiSession.SendAsync<ListingView>(organiser, HttpMethod.Post, $"{ListingUrl(meeting)}/withdraw");
        Assert.Null(await JsonLdAsync(visitor, meeting.MeetingId));
    }

    [Fact]
    public async Task Only_an_approved_listing_is_in_the_directory_and_it_leaves_when_made_private()
    {
        var moderator = await ModeratorAsync("NO");
        using var no = App.CreateClient(moderator.Token);
        var word = $"fjord{Guid.NewGuid():N}"[..16];
        await ListingAsync("NO", title: $"{word} private", submit: false);
        var (pending, _) = await ListingAsync("NO", title: $"{word} pending");
        var (rejected, _) = await ListingAsync("NO", title: $"{word} rejected");
        var (approved, approvedBy) = await ListingAsync("NO", title: $"{word} approved");
        var (withdrawn, withdrawnBy) = await ListingAsync("NO", title: $"{word} withdrawn");
        await ApiSession.SendAsync<ListingView>(no, HttpMethod.Post, $"{ListingUrl(rejected)}/reject", new { reason = "No." });
        await ApiSession.SendAsync<ListingView>(no, HttpMethod.Post, $"{ListingUrl(approved)}/approve");
        await ApiSession.SendAsync<ListingView>(no, HttpMethod.Post, $"{ListingUrl(withdrawn)}/approve");
        await ApiSession.SendAsync<ListingView>(withdrawnBy, HttpMethod.Post, $"{ListingUrl(withdrawn)}/withdraw");
        using var visitor = App.CreateClient();

        var listed = await ApiSession.GetAsync<JsonElement>(visitor, $"/api/directory?country=NO&q={word}");

        Assert.Equal([$"{word} approved"], listed.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("title").GetString()));
        Assert.Null(await JsonLdAsync(visitor, pending.MeetingId));
        await ApiSession.SendAsync<ListingView>(approvedBy, HttpMethod.Post, $"{ListingUrl(approved)}/withdraw");
        Assert.Equal(0, (await ApiSession.GetAsync<JsonElement>(visitor, $"/api/directory?country=NO&q={word}")).GetProperty("total").GetInt32());
    }

    private static async Task<JsonElement?> JsonLdAsync(HttpClient client, string meetingId)
    {
        using var page = await client.GetAsync($"/m/{meetingId}");
        page.EnsureSuccessStatusCode();
        var scripts = JsonLdScript().Matches(await page.Content.ReadAsStringAsync());
        return scripts.Count == 0 ? null : JsonDocument.Parse(Assert.Single(scripts).Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdScript();
}
