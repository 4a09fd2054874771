using Community.Grains.Abstractions;
using Community.Web.Feeds;

namespace Community.Web.Tests.Directory;

/// <summary>The feeds' calendar, parsed back with Ical.Net as a calendar application would read it.</summary>
public sealed class ListingCalendarTests
{
    private static readonly Uri Site = new("https://community.example");

    private static readonly TimeSpan Eest = TimeSpan.FromHours(3);
    private static readonly TimeSpan Eet = TimeSpan.FromHours(2);

    internal static DirectoryEntry Entry(string id, DateTimeOffset start, string zone = "Europe/Sofia", int sequence = 0, bool cancelled = false) => new()
    {
        MeetingId = id,
        Title = $"Activity {id}",
        Summary = "Robots in the classroom",
        StartsAt = start,
        EndsAt = start.AddHours(2),
        TimeZone = zone,
        Country = "BG",
        City = "Plovdiv",
        VenueName = "School No. 5",
        Listing = new ListingDetails { Location = new GeoPoint(42.1354, 24.7453) },
        Sequence = sequence,
        Cancelled = cancelled,
        UpdatedAt = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero),
    };

    private static Ical.Net.Calendar Parse(params DirectoryEntry[] entries) =>
        Ical.Net.Calendar.Load(ListingCalendar.Serialize(entries, Site, "Test"))!;

    [Fact]
    public void Events_on_either_side_of_a_daylight_saving_change_keep_their_instants()
    {
        // Sofia leaves summer time on 25 October 2026: 10:00 is UTC+3 the day before and UTC+2 the day after.
        var calendar = Parse(
            Entry("before", new DateTimeOffset(2026, 10, 24, 10, 0, 0, Eest)),
            Entry("after", new DateTimeOffset(2026, 10, 26, 10, 0, 0, Eet)));

        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(["before@community", "after@community"], events.Select(e => e.Uid));
        Assert.All(events, e => Assert.Equal("Europe/Sofia", e.DtStart!.TzId));
        Assert.All(events, e => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(e.DtStart!.Value)));
        Assert.Equal(new DateTime(2026, 10, 24, 7, 0, 0, DateTimeKind.Utc), events[0].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 26, 8, 0, 0, DateTimeKind.Utc), events[1].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 26, 10, 0, 0, DateTimeKind.Utc), events[1].DtEnd!.AsUtc);
    }

    [Fact]
    public void Every_zone_used_has_its_vtimezone_with_both_offsets_of_the_year()
    {
        var ics = ListingCalendar.Serialize(
        [
            Entry("sofia", new DateTimeOffset(2026, 10, 24, 10, 0, 0, Eest)),
            Entry("lisbon", new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), zone: "Europe/Lisbon"),
            Entry("sofia-2", new DateTimeOffset(2027, 3, 2, 9, 0, 0, Eet)),
        ], Site, "Test");
        var calendar = Ical.Net.Calendar.Load(ics)!;

        Assert.Equal(["Europe/Lisbon", "Europe/Sofia"], calendar.TimeZones.Select(zone => zone.TzId).Order());
        var sofia = calendar.TimeZones.Single(zone => zone.TzId == "Europe/Sofia");
        Assert.Contains(sofia.TimeZoneInfos, info => info.Name == "STANDARD" && info.OffsetTo!.Offset == Eet);
        Assert.Contains(sofia.TimeZoneInfos, info => info.Name == "DAYLIGHT" && info.OffsetTo!.Offset == Eest);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
    }

    [Fact]
    public void An_event_carries_its_sequence_status_link_place_and_position()
    {
        var calendar = Parse(
            Entry("edited", new DateTimeOffset(2026, 11, 5, 14, 0, 0, Eet), sequence: 3),
            Entry("called-off", new DateTimeOffset(2026, 11, 6, 14, 0, 0, Eet), sequence: 1, cancelled: true));

        var edited = calendar.Events.Single(e => e.Uid == "edited@community");
        var cancelled = calendar.Events.Single(e => e.Uid == "called-off@community");
        Assert.Equal(3, edited.Sequence);
        Assert.Equal("CONFIRMED", edited.Status);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(new Uri("https://community.example/m/edited"), edited.Url);
        Assert.Equal("School No. 5, Plovdiv, BG", edited.Location);
        Assert.Equal(42.1354, edited.GeographicLocation!.Latitude);
        Assert.Equal(new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc), edited.LastModified!.AsUtc);
    }

    [Fact]
    public void An_online_event_gives_its_link_as_location()
    {
        var online = Entry("webinar", new DateTimeOffset(2026, 11, 2, 17, 0, 0, TimeSpan.FromHours(1)), zone: "Europe/Brussels") with
        {
            VenueName = null,
            City = null,
            OnlineLink = "https://meet.example/stem",
            Listing = new ListingDetails { Attendance = AttendanceMode.Online },
        };

        var calendarEvent = Assert.Single(Parse(online).Events);

        Assert.Equal("https://meet.example/stem", calendarEvent.Location);
        Assert.Null(calendarEvent.GeographicLocation);
        Assert.Equal(new DateTime(2026, 11, 2, 16, 0, 0, DateTimeKind.Utc), calendarEvent.DtStart!.AsUtc);
    }
}
