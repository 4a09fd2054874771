using Community.Grains.Abstractions;

namespace Community.Grains.Tests;

/// <summary>
/// The directory's partitions and fan-out on a real cluster and Azurite. Each test uses partitions of its own (keys
/// made up for the test) or a campaign of its own, so tests of other directory users cannot disturb the counts.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DirectoryGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 16, 0, 0, TimeSpan.Zero);

    private static string NewKey() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static DirectoryEntry Entry(string country, string title, Func<ListingDetails, ListingDetails>? listing = null) => new()
    {
        MeetingId = Guid.NewGuid().ToString("N"),
        Title = title,
        Summary = "",
        StartsAt = Monday,
        EndsAt = Monday.AddHours(2),
        TimeZone = "Europe/Sofia",
        Country = country,
        City = "Sofia",
        Listing = (listing ?? (details => details))(new ListingDetails { Location = new GeoPoint(42.69, 23.32) }),
    };

    private IDirectoryPartitionGrain Partition(string key) => fixture.Grains.GetGrain<IDirectoryPartitionGrain>(key);

    private async Task<IReadOnlyList<string>> TitlesAsync(string key, DirectoryQuery query) =>
        [.. (await Partition(key).Search(query)).Select(entry => entry.Title)];

    [Fact]
    public async Task Text_matches_every_word_at_a_word_start_whatever_the_accents_and_case()
    {
        var key = NewKey();
        await Partition(key).UpsertMany(
        [
            Entry(key, "Café Scientifique") with { Summary = "Robots for schools" },
            Entry(key, "Preschool coding") with { VenueName = "Äpfelhaus" },
            Entry(key, "Ден на кариерата") with { Tags = ["#ExpertsGoBackToSchool2024"] },
        ]);

        Assert.Equal(["Café Scientifique"], await TitlesAsync(key, new() { Text = "CAFE robot" }));
        Assert.Equal(["Café Scientifique"], await TitlesAsync(key, new() { Text = "school" }));
        Assert.Equal(["Preschool coding"], await TitlesAsync(key, new() { Text = "apfel" }));
        Assert.Equal(["Ден на кариерата"], await TitlesAsync(key, new() { Text = "КАРИЕР" }));
        Assert.Equal(["Ден на кариерата"], await TitlesAsync(key, new() { Text = "expertsgoback" }));
        Assert.Empty(await TitlesAsync(key, new() { Text = "cientifique" }));
        Assert.Empty(await TitlesAsync(key, new() { Text = "café hackathon" }));
    }

    [Fact]
    public async Task Each_filter_alone_and_all_combined_narrow_the_results()
    {
        var key = NewKey();
        var webinar = Entry(key, "Webinar for teens", listing => listing with
        {
            Format = MeetingFormat.Webinar, Attendance = AttendanceMode.Online, MinAge = 12, MaxAge = 18, CampaignSlug = "stem-days", Location = null,
        }) with { Languages = ["en"], Tags = ["stem"], StartsAt = Monday.AddDays(10), EndsAt = Monday.AddDays(10).AddHours(1) };
        var hybrid = Entry(key, "Hybrid workshop", listing => listing with { Format = MeetingFormat.Workshop, Attendance = AttendanceMode.Hybrid, MinAge = 18 })
            with { Languages = ["bg"], Tags = ["robots"] };
        var visit = Entry(key, "School visit", listing => listing with { Format = MeetingFormat.SchoolVisit, MaxAge = 10, CampaignSlug = "stem-days" })
            with { Languages = ["bg", "en"], Tags = ["#STEM"], StartsAt = Monday.AddDays(-3), EndsAt = Monday.AddDays(-3).AddHours(3) };
        await Partition(key).UpsertMany([webinar, hybrid, visit]);

        Assert.Equal(["School visit", "Hybrid workshop", "Webinar for teens"], await TitlesAsync(key, new()));
        Assert.Equal(["School visit", "Hybrid workshop", "Webinar for teens"], await TitlesAsync(key, new() { Country = key.ToLowerInvariant() }));
        Assert.Empty(await TitlesAsync(key, new() { Country = "BG" }));
        Assert.Equal(["Hybrid workshop", "Webinar for teens"], await TitlesAsync(key, new() { From = Monday }));
        Assert.Equal(["School visit", "Hybrid workshop"], await TitlesAsync(key, new() { To = Monday.AddDays(1) }));
        Assert.Equal(["School visit", "Webinar for teens"], await TitlesAsync(key, new() { Campaign = "STEM-days" }));
        Assert.Equal(["Hybrid workshop"], await TitlesAsync(key, new() { Format = MeetingFormat.Workshop }));
        Assert.Equal(["School visit"], await TitlesAsync(key, new() { Age = 8 }));
        Assert.Equal(["Hybrid workshop", "Webinar for teens"], await TitlesAsync(key, new() { Age = 18 }));
        Assert.Equal(["Hybrid workshop"], await TitlesAsync(key, new() { Age = 40 }));
        Assert.Equal(["School visit", "Webinar for teens"], await TitlesAsync(key, new() { Language = "EN" }));
        Assert.Equal(["Hybrid workshop", "Webinar for teens"], await TitlesAsync(key, new() { Attendance = AttendanceMode.Online }));
        Assert.Equal(["School visit", "Hybrid workshop"], await TitlesAsync(key, new() { Attendance = AttendanceMode.InPerson }));
        Assert.Equal(["Hybrid workshop"], await TitlesAsync(key, new() { Attendance = AttendanceMode.Hybrid }));
        Assert.Equal(["School visit", "Webinar for teens"], await TitlesAsync(key, new() { Tag = "#stem" }));

        var combined = new DirectoryQuery
        {
            Text = "teens", Country = key, From = Monday, To = Monday.AddDays(30), Campaign = "stem-days", Format = MeetingFormat.Webinar,
            Age = 15, Language = "en", Attendance = AttendanceMode.Online, Tag = "stem",
        };
        Assert.Equal(["Webinar for teens"], await TitlesAsync(key, combined));
        Assert.Empty(await TitlesAsync(key, combined with { Age = 19 }));
        Assert.Empty(await TitlesAsync(key, combined with { Text = "workshop" }));
    }

    [Fact]
    public async Task The_date_range_takes_every_meeting_that_overlaps_it()
    {
        var key = NewKey();
        var week = Entry(key, "A week-long hackathon") with { StartsAt = Monday, EndsAt = Monday.AddDays(7) };
        await Partition(key).Upsert(week);

        Assert.Single(await TitlesAsync(key, new() { From = Monday.AddDays(3), To = Monday.AddDays(4) }));
        Assert.Single(await TitlesAsync(key, new() { From = Monday.AddDays(7) }));
        Assert.Empty(await TitlesAsync(key, new() { From = Monday.AddDays(7).AddTicks(1) }));
        Assert.Empty(await TitlesAsync(key, new() { To = Monday }));
        Assert.Single(await TitlesAsync(key, new() { To = Monday.AddTicks(1) }));
    }

    [Fact]
    public async Task A_cancelled_entry_stays_listed_as_cancelled_and_a_removed_one_leaves()
    {
        var key = NewKey();
        var entry = Entry(key, "Open space");
        var other = Entry(key, "Talk");
        await Partition(key).UpsertMany([entry, other]);

        await Partition(key).Upsert(entry with { Cancelled = true, Sequence = 1 });
        await Partition(key).Remove(other.MeetingId);
        await Partition(key).Remove("never-listed");

        var found = Assert.Single(await Partition(key).Search(new()));
        Assert.True(found.Cancelled);
        Assert.Equal(1, found.Sequence);
    }

    [Fact]
    public async Task An_entry_belongs_in_its_countrys_partition()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Partition(NewKey()).Upsert(Entry("BG", "Elsewhere")));

        Assert.Equal("country", refusal.Field);
    }

    [Fact]
    public async Task Clusters_of_two_partitions_in_one_cell_add_up_and_a_lone_entry_is_a_point_with_its_title()
    {
        var (first, second) = (NewKey(), NewKey());
        var campaign = "c" + Guid.NewGuid().ToString("N");
        Func<ListingDetails, ListingDetails> At(double latitude, double longitude) =>
            listing => listing with { CampaignSlug = campaign, Location = new GeoPoint(latitude, longitude) };
        await Partition(first).UpsertMany([Entry(first, "Sofia 1", At(42.69, 23.32)), Entry(first, "Sofia 2", At(42.70, 23.33))]);
        await Partition(second).UpsertMany([Entry(second, "Sofia 3", At(42.71, 23.34)), Entry(second, "Lisbon", At(38.72, -9.14))]);
        var directory = fixture.Grains.GetGrain<IDirectoryGrain>(0);
        var europe = new BoundingBox(30, -20, 60, 40);

        var points = await directory.Map(new() { Campaign = campaign }, europe, 4);

        Assert.Equal(2, points.Count);
        var sofia = Assert.Single(points, point => point.Count == 3);
        Assert.Equal(42.70, sofia.Latitude, 6);
        Assert.Equal(23.33, sofia.Longitude, 6);
        Assert.Null(sofia.MeetingId);
        var lisbon = Assert.Single(points, point => point.Count == 1);
        Assert.Equal("Lisbon", lisbon.Title);
        Assert.NotNull(lisbon.MeetingId);
        Assert.Equal(Monday, lisbon.StartsAt);
        Assert.StartsWith("4/", lisbon.Cell);

        var zoomedIn = await directory.Map(new() { Campaign = campaign }, europe, 14);
        Assert.Equal(4, zoomedIn.Count);
        Assert.All(zoomedIn, point => Assert.Equal(1, point.Count));
    }

    [Fact]
    public async Task A_box_across_the_antimeridian_holds_both_of_its_sides_only()
    {
        var key = NewKey();
        await Partition(key).UpsertMany(
        [
            Entry(key, "Fiji", listing => listing with { Location = new GeoPoint(-18.1, 178.4) }),
            Entry(key, "Samoa", listing => listing with { Location = new GeoPoint(-13.8, -171.8) }),
            Entry(key, "Sydney", listing => listing with { Location = new GeoPoint(-33.9, 151.2) }),
        ]);

        var points = await Partition(key).Map(new(), new BoundingBox(-25, 170, -10, -165), 5);

        Assert.Equal(["Fiji", "Samoa"], points.Select(point => point.Title).Order());
    }

    [Fact]
    public async Task The_directory_pages_merge_partitions_in_date_order_and_count_per_country_and_format()
    {
        var (first, second) = (NewKey(), NewKey());
        var campaign = "c" + Guid.NewGuid().ToString("N");
        Func<ListingDetails, ListingDetails> In(MeetingFormat format) => listing => listing with { CampaignSlug = campaign, Format = format };
        await Partition(first).UpsertMany([.. Enumerable.Range(0, 5).Select(day =>
            Entry(first, $"Day {day * 2}", In(MeetingFormat.Talk)) with { StartsAt = Monday.AddDays(day * 2), EndsAt = Monday.AddDays(day * 2).AddHours(1) })]);
        await Partition(second).UpsertMany([.. Enumerable.Range(0, 5).Select(day =>
            Entry(second, $"Day {day * 2 + 1}", In(MeetingFormat.Workshop)) with { StartsAt = Monday.AddDays(day * 2 + 1), EndsAt = Monday.AddDays(day * 2 + 1).AddHours(1) })]);
        var directory = fixture.Grains.GetGrain<IDirectoryGrain>(0);

        var page = await directory.Search(new() { Campaign = campaign }, skip: 3, take: 4);

        Assert.Equal(10, page.Total);
        Assert.Equal(["Day 3", "Day 4", "Day 5", "Day 6"], page.Entries.Select(entry => entry.Title));
        Assert.Equal(new Dictionary<string, int> { [first] = 5, [second] = 5 }, page.ByCountry);
        Assert.Equal(5, page.ByFormat[MeetingFormat.Workshop]);
        Assert.Equal(10, (await directory.Entries(new() { Campaign = campaign }, 50)).Count);
        Assert.Equal(["Day 1", "Day 3"], (await directory.Entries(new() { Campaign = campaign, Country = second }, 2)).Select(entry => entry.Title));
        Assert.Equal(5, (await directory.CountByCountry(new() { Campaign = campaign }))[second]);
    }

    [Fact]
    public async Task Figures_count_activities_and_participants_per_year_in_the_events_own_zone()
    {
        var key = NewKey();
        var newYearsEve = new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero);
        await Partition(key).UpsertMany(
        [
            // 01:30 on 1 January in Sofia: a 2026 event, though it is still 2025 in UTC.
            Entry(key, "Midnight coding") with { StartsAt = newYearsEve, EndsAt = newYearsEve.AddHours(2), Figures = new ParticipantFigures { Participants = 30 } },
            Entry(key, "Talk") with { StartsAt = newYearsEve.AddMonths(-1), EndsAt = newYearsEve.AddMonths(-1).AddHours(1), Figures = new ParticipantFigures { Participants = 12 } },
            Entry(key, "No figures yet"),
            Entry(key, "Called off") with { Cancelled = true, Figures = new ParticipantFigures { Participants = 99 } },
        ]);

        var figures = await fixture.Grains.GetGrain<IDirectoryGrain>(0).Figures(new() { Country = key });

        Assert.Equal([new YearFigures(2025, 1, 12), new YearFigures(2026, 2, 30)], figures);
    }

    [Fact]
    public async Task A_partition_comes_back_from_storage_after_a_silo_restart_and_a_clear_empties_it()
    {
        var key = NewKey();
        var entry = Entry(key, "Καλημέρα κόσμε") with
        {
            Tags = ["robots"], Languages = ["el"], Figures = new ParticipantFigures { Participants = 5, ByAgeBand = System.Collections.Immutable.ImmutableSortedDictionary<string, int>.Empty.Add("12-18", 5) },
        };
        await Partition(key).UpsertMany([entry, Entry(key, "Second")]);

        await fixture.Cluster.RestartAsync();

        var found = await Partition(key).Search(new() { Text = "καλημερα" });
        Assert.Equal(entry.MeetingId, Assert.Single(found).MeetingId);
        Assert.Equal(5, found[0].Figures!.ByAgeBand["12-18"]);
        Assert.Contains(key, await fixture.Grains.GetGrain<IDirectoryCatalogGrain>(0).Countries());

        await Partition(key).Clear();

        Assert.Empty(await Partition(key).Search(new()));
        Assert.DoesNotContain(key, await fixture.Grains.GetGrain<IDirectoryCatalogGrain>(0).Countries());
    }
}
