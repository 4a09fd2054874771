using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Access;
using Community.Web.Directory;
using Community.Web.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests;

/// <summary>
/// The bulk import (POST /api/directory/import): every field's problem named with its row, CSV and JSON alike, a dry
/// run that writes nothing, idempotency by source reference, moderation before anything is listed, and its limits.
/// Each test imports as an account of its own, so their references and rate limits never meet.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    /// <summary>The field to spoil, its bad value (as text: JSON strings and CSV cells alike), and the field named.</summary>
    public static TheoryData<string, string, string> BadFields => new()
    {
        { "startsAt", "2026-10-15T10:00:00", "startsAt" },
        { "startsAt", "15.10.2026 10:00", "startsAt" },
        { "endsAt", "2026-10-15T09:00:00+03:00", "endsAt" },
        { "timeZone", "Mars/Olympus", "timeZone" },
        { "country", "Bulgaria", "country" },
        { "latitude", "95", "latitude" },
        { "longitude", "east", "longitude" },
        { "format", "party", "format" },
        { "attendance", "remote", "attendance" },
        { "minAge", "-1", "minAge" },
        { "maxAge", "200", "maxAge" },
        { "capacity", "0", "capacity" },
        { "campaign", "Not A Slug", "campaign" },
        { "imageUrl", "http://example.org/a.png", "imageUrl" },
        { "onlineLink", "javascript:alert(1)", "onlineLink" },
        { "title", " ", "title" },
        { "sourceRef", new string('r', 201), "sourceRef" },
        { "title", new string('t', 201), "title" },
        { "description", new string('d', 20_001), "description" },
        { "tags", string.Join(';', Enumerable.Range(1, 21).Select(n => $"tag{n}")), "tags" },
        { "organiserName", new string('o', 121), "organiserName" },
    };

    [Fact]
    public async Task Every_bad_field_is_named_with_its_row_and_CSV_and_JSON_report_the_same()
    {
        var rows = new List<Dictionary<string, object?>> { Row("good") };
        foreach (var (field, value, _) in Cases())
        {
            var row = Row($"bad-{rows.Count}");
            row[field] = value;
            rows.Add(row);
        }

        var (client, _) = await OrganisationAsync();
        var fromJson = await ImportAsync(client, Json(rows), "application/json", dryRun: true);
        var fromCsv = await ImportAsync(client, Csv(rows), "text/csv", dryRun: true);

        Assert.Equal(JsonSerializer.Serialize(fromJson.Rows), JsonSerializer.Serialize(fromCsv.Rows));
        Assert.Equal(new ImportCounts(1, 0, 0, rows.Count - 1, 0), fromJson.Counts);
        Assert.Equal(ImportOutcome.Create, fromJson.Rows[0].Outcome);
        Assert.Empty(fromJson.Rows[0].Problems);
        var expected = Cases().ToList();
        for (var index = 1; index < rows.Count; index++)
        {
            var report = fromJson.Rows[index];
            Assert.Equal(index + 1, report.Row);
            Assert.Equal(ImportOutcome.Skipped, report.Outcome);
            Assert.Contains(report.Problems, problem => problem.Field == expected[index - 1].Named);
        }
    }

    [Fact]
    public async Task The_example_files_are_valid_and_say_the_same()
    {
        var examples = Path.Combine(RepositoryRoot.Path, "docs", "examples");
        var (client, _) = await OrganisationAsync();

        var fromCsv = await ImportAsync(client, await File.ReadAllTextAsync(Path.Combine(examples, "activities.csv")), "text/csv", dryRun: true);
        var fromJson = await ImportAsync(client, await File.ReadAllTextAsync(Path.Combine(examples, "activities.json")), "application/json", dryRun: true);

        Assert.Equal(new ImportCounts(4, 0, 0, 0, 0), fromCsv.Counts);
        Assert.Equal(JsonSerializer.Serialize(fromCsv.Rows), JsonSerializer.Serialize(fromJson.Rows));
    }

    [Fact]
    public async Task Missing_fields_a_reused_source_reference_and_an_unknown_field_are_the_rows_problems()
    {
        var online = Row("online");
        online["attendance"] = "online";
        online.Remove("latitude");
        online.Remove("longitude");
        var unknown = Row("unknown");
        unknown["price"] = "5";
        var rows = new[] { new Dictionary<string, object?> { ["sourceRef"] = "bare" }, Row("twice"), Row("twice"), online, unknown };

        var (client, _) = await OrganisationAsync();
        var report = await ImportAsync(client, Json(rows), "application/json", dryRun: true);

        Assert.Equal(new[] { "title", "startsAt", "endsAt", "timeZone", "country", "latitude", "longitude" }, report.Rows[0].Problems.Select(problem => problem.Field).Distinct());
        Assert.Equal(ImportOutcome.Create, report.Rows[1].Outcome);
        Assert.Equal(new ImportProblem("sourceRef", "Already used by row 2."), Assert.Single(report.Rows[2].Problems));
        Assert.Equal("onlineLink", Assert.Single(report.Rows[3].Problems).Field);
        Assert.Equal("price", Assert.Single(report.Rows[4].Problems).Field);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var (client, account) = await OrganisationAsync();
        var marker = $"Dry run {Guid.NewGuid():N}";
        var rows = new[] { Row("a", marker), Row("b", marker), Row("c", marker) };
        var container = GrainState();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var report = await ImportAsync(client, Csv(rows), "text/csv", dryRun: true);

        Assert.True(report.DryRun);
        Assert.All(report.Rows, row => Assert.Equal((ImportOutcome.Create, null, null), (row.Outcome, row.MeetingId, row.OrganiserToken)));
        // No reference of this account was stored, and no blob written since holds the rows' title.
        Assert.Empty(await ReferenceBlobsAsync(account));
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            if (blob.Properties.LastModified >= before)
            {
                var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                Assert.DoesNotContain(marker, content, StringComparison.Ordinal);
            }
        }

        foreach (var row in rows)
        {
            Assert.Equal(ImportOutcome.Create, await PlanAsync(account, row));
        }
    }

    [Fact]
    public async Task Importing_twice_creates_nothing_new_and_a_changed_row_updates_its_meeting_and_listing()
    {
        var (client, account) = await OrganisationAsync();
        // Kept as text: the exports escape it for spreadsheets.
        var injection = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        var rows = new[] { Row("visit-1", injection), Row("visit-2", "Career day in Varna") };
        var tag = $"import-{Guid.NewGuid():N}"[..20];
        foreach (var row in rows)
        {
            row["tags"] = new[] { "expertsgobacktoschool2026", tag };
        }

        var first = await ImportAsync(client, Csv(rows), "text/csv");
        var second = await ImportAsync(client, Json(rows), "application/json");
        // The same source references are another account's own: nothing of the first account's is reached.
        var otherAccount = await ImportAsync((await OrganisationAsync()).Client, Json(rows), "application/json", dryRun: true);

        Assert.Equal(new ImportCounts(2, 0, 0, 0, 0), first.Counts);
        Assert.Equal(new ImportCounts(0, 2, 0, 0, 0), second.Counts);
        Assert.Equal(2, (await ReferenceBlobsAsync(account)).Count);
        Assert.Equal(first.Rows.Select(row => row.MeetingId), second.Rows.Select(row => row.MeetingId));
        Assert.All(second.Rows, row => Assert.Null(row.OrganiserToken));
        Assert.All(otherAccount.Rows, row => Assert.Equal((ImportOutcome.Create, null), (row.Outcome, row.MeetingId)));
        var meetingId = first.Rows[0].MeetingId!;
        Assert.Equal(injection, (await fixture.Cluster.Grains.GetGrain<IMeetingGrain>(meetingId).Get()).Details.Title);
        foreach (var row in first.Rows)
        {
            var listing = await Listing(row.MeetingId!).Get();
            Assert.Equal(ListingReview.Pending, listing.Review);
            Assert.Equal(MeetingFormat.SchoolVisit, listing.Details.Format);
            // The token manages the meeting: a member sees its join code.
            var meeting = await CommunityWebApp.ReadAsync<MeetingView>(await App.CreateClient(row.OrganiserToken!).GetAsync($"/api/meetings/{row.MeetingId}"));
            Assert.NotEmpty(meeting.JoinCode);
        }

        // Pending, so in no list until a moderator approves it.
        Assert.Equal(0, (await DirectoryAsync(tag)).Total);
        await Listing(meetingId).Approve(new Moderator("moderator-bg", "Mila", ["BG"], null));
        Assert.Equal(meetingId, Assert.Single((await DirectoryAsync(tag)).Entries).MeetingId);
        var approved = await Listing(meetingId).Get();
        rows[0]["title"] = "Experts back to school";
        rows[1]["capacity"] = 45;

        var third = await ImportAsync(client, Json(rows), "application/json");

        Assert.Equal(new ImportCounts(0, 0, 2, 0, 0), third.Counts);
        Assert.Equal("Experts back to school", (await fixture.Cluster.Grains.GetGrain<IMeetingGrain>(meetingId).Get()).Details.Title);
        var updated = await Listing(meetingId).Get();
        Assert.Equal(ListingReview.Approved, updated.Review);
        Assert.True(updated.Sequence > approved.Sequence, $"SEQUENCE {updated.Sequence} after {approved.Sequence}");
        Assert.Equal(45, (await Listing(third.Rows[1].MeetingId!).Get()).Details.Capacity);
    }

    [Fact]
    public async Task An_atomic_import_with_a_bad_row_imports_nothing_and_a_plain_one_imports_the_good_rows()
    {
        var (client, account) = await OrganisationAsync();
        var bad = Row("bad");
        bad["startsAt"] = "2026-10-15T10:00";
        var rows = new[] { Row("good"), bad };

        var atomic = await ImportAsync(client, Json(rows), "application/json", atomic: true);

        Assert.Equal(new ImportCounts(0, 0, 0, 2, 0), atomic.Counts);
        Assert.Empty(atomic.Rows[0].Problems);
        Assert.Equal("startsAt", Assert.Single(atomic.Rows[1].Problems).Field);
        Assert.Equal(ImportOutcome.Create, await PlanAsync(account, rows[0]));

        var plain = await ImportAsync(client, Json(rows), "application/json");

        Assert.Equal(new ImportCounts(1, 0, 0, 1, 0), plain.Counts);
        Assert.Equal(ImportOutcome.Unchanged, await PlanAsync(account, rows[0]));
    }

    [Fact]
    public void A_campaign_owners_rows_join_their_campaign_unless_they_name_another()
    {
        var owner = new DirectoryMember(NewAccount(), "Experts Go Back-to-School", DirectoryRole.CampaignOwner, [], "experts-2026");
        var named = Row("named");
        named["campaign"] = "meet-and-code-2026";

        Assert.Equal("experts-2026", Checked(Row("plain"), owner).Activity!.Listing.CampaignSlug);
        Assert.Equal("meet-and-code-2026", Checked(named, owner).Activity!.Listing.CampaignSlug);
        Assert.Null(Checked(Row("plain"), owner with { Role = DirectoryRole.Organisation, CampaignSlug = null }).Activity!.Listing.CampaignSlug);
    }

    [Fact]
    public async Task Without_a_token_401_and_with_a_meeting_or_moderator_token_403()
    {
        var organiser = await App.CreateMeetingAsync();
        var moderator = await DirectoryTokenAsync(App, new DirectoryMember(NewAccount(), "Mila", DirectoryRole.Moderator, ["BG"], null));
        var body = Json([Row("x")]);

        using var anonymous = await App.CreateClient().PostAsync("/api/directory/import?dryRun=true", Content(body, "application/json"));
        using var meeting = await App.CreateClient(organiser.OrganiserToken).PostAsync("/api/directory/import?dryRun=true", Content(body, "application/json"));
        using var moderating = await App.CreateClient(moderator).PostAsync("/api/directory/import?dryRun=true", Content(body, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await AccessTests.AssertProblemAsync(anonymous, "/problems/unauthenticated");
        Assert.Equal(HttpStatusCode.Forbidden, meeting.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moderating.StatusCode);
    }

    /// <summary>Faults of the whole file: the status, the problem's type and the field it names ("" for none).</summary>
    public static TheoryData<string, string, string, int, string> BadFiles => new()
    {
        { "text/plain", "sourceRef\nx\n", "", 415, "unsupported-media-type" },
        { "application/json", "{\"sourceRef\":\"x\"}", "body", 400, "invalid" },
        { "application/json", "[{\"sourceRef\":", "body", 400, "invalid" },
        { "application/json", "[1]", "[0]", 400, "invalid" },
        { "application/json", "[" + string.Join(',', Enumerable.Repeat("{}", ImportRows.MaxRows + 1)) + "]", "rows", 400, "invalid" },
        { "text/csv", "sourceRef,startAt\nx,2026-10-15T10:00:00+03:00\n", "header", 400, "invalid" },
        { "text/csv", "title,title\nx,y\n", "header", 400, "invalid" },
        { "text/csv", "title\nx\n", "header", 400, "invalid" },
        { "text/csv", "sourceRef,title\nx,\"unclosed\n", "body", 400, "invalid" },
        { "text/csv", "sourceRef\n" + string.Concat(Enumerable.Range(0, ImportRows.MaxRows + 1).Select(n => $"r{n}\n")), "rows", 400, "invalid" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_a_problem_naming_what_is_wrong(string contentType, string body, string field, int status, string type)
    {
        using var response = await (await OrganisationAsync()).Client.PostAsync("/api/directory/import", Content(body, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, $"/problems/{type}");
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task A_body_over_5_MB_is_413()
    {
        var body = "sourceRef,description\n" + new string('x', (int)ImportRows.MaxBodyBytes);

        // The server answers before reading the body: the client waits for that (100-continue) instead of sending it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directory/import?dryRun=true") { Content = Content(body, "text/csv") };
        request.Headers.ExpectContinue = true;
        using var response = await (await OrganisationAsync()).Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AccessTests.AssertProblemAsync(response, "/problems/body-too-large");
    }

    private static IEnumerable<(string Field, string Value, string Named)> Cases() =>
        BadFields.Select(data => ((string)data[0], (string)data[1], (string)data[2]));

    internal static string NewAccount() => $"org-{Guid.NewGuid():N}"[..16];

    /// <summary>A valid school visit in Plovdiv.</summary>
    internal static Dictionary<string, object?> Row(string sourceRef, string title = "Experts Go Back-to-School: coding") => new()
    {
        ["sourceRef"] = sourceRef,
        ["title"] = title,
        ["description"] = "Pupils meet a software engineer.\nBring a laptop.",
        ["startsAt"] = "2026-10-15T10:00:00+03:00",
        ["endsAt"] = "2026-10-15T12:00:00+03:00",
        ["timeZone"] = "Europe/Sofia",
        ["country"] = "BG",
        ["city"] = "Plovdiv",
        ["venueName"] = "School No. 5",
        ["latitude"] = 42.1354,
        ["longitude"] = 24.7453,
        ["format"] = "schoolVisit",
        ["attendance"] = "inPerson",
        ["minAge"] = 12,
        ["maxAge"] = 15,
        ["languages"] = new[] { "bg", "en" },
        ["tags"] = new[] { "expertsgobacktoschool2026", "coding" },
        ["capacity"] = 30,
        ["organiserName"] = "Code Club Bulgaria",
    };

    internal static string Json(IEnumerable<Dictionary<string, object?>> rows) => JsonSerializer.Serialize(rows);

    /// <summary>The rows as CSV: every value quoted, lists joined with ';', numbers in the invariant culture.</summary>
    internal static string Csv(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var columns = rows.SelectMany(row => row.Keys).Distinct().ToList();
        var csv = new StringBuilder().AppendJoin(',', columns).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', columns.Select(column => Quote(row.GetValueOrDefault(column) switch
            {
                null => "",
                string[] items => string.Join(';', items),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString()!,
            }))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A new organisation account and a client holding its token.</summary>
    private async Task<(HttpClient Client, string AccountId)> OrganisationAsync()
    {
        var account = new DirectoryMember(NewAccount(), "Code Club Bulgaria", DirectoryRole.Organisation, [], null);
        return (App.CreateClient(await DirectoryTokenAsync(App, account)), account.AccountId);
    }

    /// <summary>Creates the account, as the operator would, and issues its token.</summary>
    internal static async Task<string> DirectoryTokenAsync(CommunityWebApp app, DirectoryMember account)
    {
        await app.Cluster.Grains.GetGrain<IDirectoryAccountGrain>(account.AccountId).Create(new DirectoryAccount(
            account.AccountId, account.Name, (DirectoryAccountRole)account.Role, account.Countries, account.CampaignSlug, DateTimeOffset.UtcNow));
        return app.Services.GetRequiredService<AccessTokens>().Issue(account);
    }

    private static StringContent Content(string body, string contentType) => new(body, Encoding.UTF8, contentType);

    private static async Task<ImportReport> ImportAsync(HttpClient client, string body, string contentType, bool dryRun = false, bool atomic = false)
    {
        using var response = await client.PostAsync(
            $"/api/directory/import?dryRun={(dryRun ? "true" : "false")}&atomic={(atomic ? "true" : "false")}", Content(body, contentType));
        return await CommunityWebApp.ReadAsync<ImportReport>(response);
    }

    private async Task<DirectoryResponse> DirectoryAsync(string tag) =>
        await CommunityWebApp.ReadAsync<DirectoryResponse>(await App.CreateClient().GetAsync($"/api/directory?country=BG&tag={tag}"));

    private IListingGrain Listing(string meetingId) => fixture.Cluster.Grains.GetGrain<IListingGrain>(meetingId);

    /// <summary>What the row's reference says an import would do now.</summary>
    private async Task<ImportOutcome> PlanAsync(string account, Dictionary<string, object?> row)
    {
        var checkedRow = Checked(row, new DirectoryMember(account, "Code Club Bulgaria", DirectoryRole.Organisation, [], null));
        var planned = await fixture.Cluster.Grains.GetGrain<IImportReferenceGrain>(ImportReferences.Key(account, (string)row["sourceRef"]!)).Plan(checkedRow.Activity!);
        return planned.Outcome;
    }

    private static CheckedRow Checked(Dictionary<string, object?> row, DirectoryMember account) =>
        ImportValidation.Check(ImportRows.FromJson(Encoding.UTF8.GetBytes(Json([row])))[0], account);

    private BlobContainerClient GrainState() =>
        new BlobServiceClient(fixture.Cluster.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.GrainStateContainer);

    /// <summary>The stored import references of the account (blob names start with the grain type and key; the storage's previous copies left out).</summary>
    private async Task<List<string>> ReferenceBlobsAsync(string account)
    {
        var names = new List<string>();
        await foreach (var blob in GrainState().GetBlobsAsync(BlobTraits.None, BlobStates.None, $"importreference/{account}/", default))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }
}
