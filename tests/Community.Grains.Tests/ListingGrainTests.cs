using System.Collections.Immutable;
using Community.Grains.Abstractions;
using static Community.Grains.Tests.Refusals;

namespace Community.Grains.Tests;

/// <summary>
/// A meeting's listing on a real cluster: it reaches the directory only once a moderator of its country or campaign
/// approved it, follows every change of the meeting there (raising SEQUENCE), and leaves it when withdrawn.
/// Each test finds its own listing by a word only its title holds, as the partitions are shared.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListingGrainTests(ClusterFixture fixture)
{
    private static readonly Moderator Bulgaria = new("mod-bg", "Bilyana", ["BG"], null);
    private static readonly Moderator Germany = new("mod-de", "Dieter", ["DE"], null);
    private static readonly ListingDetails Workshop = new()
    {
        Format = MeetingFormat.Workshop,
        Attendance = AttendanceMode.InPerson,
        Location = new GeoPoint(42.6977, 23.3219),
        MinAge = 12,
        MaxAge = 18,
        OrganiserName = "Sofia Code Club",
    };

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_listing_reaches_the_directory_only_when_a_moderator_of_its_country_approves_it()
    {
        var (scenario, word) = await ListedMeetingAsync();
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);

        var pending = await listing.Submit(scenario.Organiser);

        Assert.Equal(ListingReview.Pending, pending.Review);
        Assert.Empty(await FindAsync("BG", word));
        Assert.Contains(await Grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCountry("BG")).Pending(), queued => queued.MeetingId == scenario.MeetingId);
        await Refused(DomainError.Forbidden, () => listing.Approve(Germany));
        Assert.Empty(await FindAsync("BG", word));

        var approved = await listing.Approve(Bulgaria);

        Assert.Equal(ListingReview.Approved, approved.Review);
        var entry = Assert.Single(await FindAsync("BG", word));
        Assert.Equal(MeetingFormat.Workshop, entry.Listing.Format);
        Assert.DoesNotContain(await Grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCountry("BG")).Pending(), queued => queued.MeetingId == scenario.MeetingId);
        Assert.Equal(["submitted", "approved"], approved.Audit.Select(audit => audit.Action));
        Assert.Contains(await Grains.GetGrain<IModerationQueueGrain>(ModerationQueues.ForCountry("BG")).Decisions(100),
            decision => decision.MeetingId == scenario.MeetingId && decision.Decision.Action == "approved" && decision.Decision.ActorId == Bulgaria.ModeratorId);
    }

    [Fact]
    public async Task A_listing_cannot_be_submitted_before_it_says_when_and_where()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);
        await listing.Update(scenario.Organiser, Workshop with { Location = null });

        await Refused(DomainError.Invalid, () => listing.Submit(scenario.Organiser), "location");
        await Refused(DomainError.Forbidden, () => listing.Submit(Scenario.Participant()));
        await Refused(DomainError.Invalid, () => listing.Update(scenario.Organiser, Workshop with { MinAge = 19, MaxAge = 18 }), "maxAge");
        await Refused(DomainError.Invalid, () => listing.Update(scenario.Organiser, Workshop with { ImageUrl = "http://example.org/a.png" }), "imageUrl");

        Assert.Equal(ListingReview.Private, (await listing.Get()).Review);
    }

    [Fact]
    public async Task An_approved_listing_follows_the_meeting_raises_its_sequence_and_moves_with_its_country()
    {
        var (scenario, word) = await ApprovedMeetingAsync();
        var before = await Grains.GetGrain<IListingGrain>(scenario.MeetingId).Get();

        await scenario.Meeting.Update(scenario.Organiser, new MeetingPatch { Title = $"Robotics {word} for girls" });

        var renamed = Assert.Single(await FindAsync("BG", word));
        Assert.Equal($"Robotics {word} for girls", renamed.Title);
        Assert.Equal(before.Sequence + 1, renamed.Sequence);

        await scenario.Meeting.Update(scenario.Organiser, new MeetingPatch { Country = "RO", City = "Cluj-Napoca" });

        Assert.Empty(await FindAsync("BG", word));
        Assert.Equal("Cluj-Napoca", Assert.Single(await FindAsync("RO", word)).City);
    }

    [Fact]
    public async Task A_cancelled_listing_stays_listed_as_cancelled_and_a_withdrawn_one_leaves()
    {
        var (scenario, word) = await ApprovedMeetingAsync();
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);

        var cancelled = await listing.Cancel(scenario.Organiser);

        var entry = Assert.Single(await FindAsync("BG", word));
        Assert.True(entry.Cancelled);
        Assert.Equal(cancelled.Sequence, entry.Sequence);

        await listing.Withdraw(scenario.Organiser);

        Assert.Empty(await FindAsync("BG", word));
        Assert.Equal(ListingReview.Private, (await listing.Get()).Review);
    }

    [Fact]
    public async Task A_rejected_listing_shows_its_reason_and_may_be_submitted_again()
    {
        var (scenario, word) = await ListedMeetingAsync();
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);
        await listing.Submit(scenario.Organiser);

        await Refused(DomainError.Invalid, () => listing.Reject(Bulgaria, " "), "reason");
        var rejected = await listing.Reject(Bulgaria, "Please add the school's address.");

        Assert.Equal(ListingReview.Rejected, rejected.Review);
        Assert.Equal("Please add the school's address.", rejected.RejectionReason);
        Assert.Empty(await FindAsync("BG", word));
        var again = await listing.Submit(scenario.Organiser);
        Assert.Equal(ListingReview.Pending, again.Review);
        Assert.Null(again.RejectionReason);
    }

    [Fact]
    public async Task Figures_are_checked_kept_with_each_change_and_reach_the_directory()
    {
        var (scenario, word) = await ApprovedMeetingAsync();
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);
        var figures = new ParticipantFigures
        {
            Participants = 40,
            ByAgeBand = ImmutableSortedDictionary<string, int>.Empty.Add("12-18", 35).Add("26-64", 5),
            ByGender = ImmutableSortedDictionary<string, int>.Empty.Add("female", 22).Add("male", 18),
        };

        await Refused(DomainError.Invalid, () => listing.ReportFigures(scenario.Organiser, figures with { Participants = 30 }), "byAgeBand");
        await Refused(DomainError.Invalid, () => listing.ReportFigures(scenario.Organiser, figures with { ByGender = figures.ByGender.Add("robot", 1) }), "byGender.robot");
        await listing.ReportFigures(scenario.Organiser, figures);
        var corrected = await listing.ReportFigures(scenario.Organiser, figures with { Participants = 42 });

        Assert.Equal([40, 42], corrected.Audit.Where(audit => audit.Action == "figures").Select(audit => audit.Figures!.Participants));
        Assert.Equal(42, Assert.Single(await FindAsync("BG", word)).Figures?.Participants);
    }

    private async Task<(Scenario Scenario, string Word)> ListedMeetingAsync()
    {
        var scenario = await Scenario.StartAsync(Grains);
        var word = $"w{Scenario.NewId()[..12]}";
        await scenario.Meeting.Update(scenario.Organiser, new MeetingPatch { Title = $"Robotics {word}" });
        await Grains.GetGrain<IListingGrain>(scenario.MeetingId).Update(scenario.Organiser, Workshop);
        return (scenario, word);
    }

    private async Task<(Scenario Scenario, string Word)> ApprovedMeetingAsync()
    {
        var (scenario, word) = await ListedMeetingAsync();
        var listing = Grains.GetGrain<IListingGrain>(scenario.MeetingId);
        await listing.Submit(scenario.Organiser);
        await listing.Approve(Bulgaria);
        return (scenario, word);
    }

    private Task<IReadOnlyList<DirectoryEntry>> FindAsync(string country, string word) =>
        Grains.GetGrain<IDirectoryPartitionGrain>(country).Search(new DirectoryQuery { Text = word });
}
