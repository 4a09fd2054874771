using System.Text;
using Community.Grains.Abstractions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Community.Web.Feeds;

/// <summary>
/// Directory entries as an RFC 5545 calendar: one VEVENT per listing with a UID that never changes
/// (<c>{meetingId}@community</c>), SEQUENCE from the listing (raised by every change a calendar shows), cancelled
/// listings kept with STATUS:CANCELLED, times on the event's own wall clock with its TZID, and a VTIMEZONE for every
/// zone used, so a client that does not know IANA ids (Google Calendar reads a bare TZID-less time as UTC) still
/// places each event at the right instant across a daylight-saving change.
/// </summary>
public static class ListingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Serialize(IEnumerable<DirectoryEntry> entries, Uri site, string name)
    {
        var list = entries.ToList();
        var calendar = new Ical.Net.Calendar { ProductId = "-//Community//Directory//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (zone, earliest) in list.GroupBy(entry => ZoneOf(entry))
                     .Select(group => (group.Key, group.Min(entry => entry.StartsAt))))
        {
            // From a day before the first event, so the VTIMEZONE holds the rules in force at every event of the zone.
            calendar.AddTimeZone(zone, earliest.UtcDateTime.AddDays(-1), includeHistoricalData: false);
        }

        foreach (var entry in list)
        {
            calendar.Events.Add(Event(entry, site));
        }

        return new CalendarSerializer(calendar).SerializeToString()!;
    }

    public static IResult Result(IEnumerable<DirectoryEntry> entries, Uri site, string name) =>
        TypedResults.Text(Serialize(entries, site, name), ContentType, Encoding.UTF8);

    private static CalendarEvent Event(DirectoryEntry entry, Uri site)
    {
        var zone = ZoneOf(entry);
        var timeZone = Pages.MeetingTime.Find(zone)!;
        var modified = new CalDateTime(entry.UpdatedAt.UtcDateTime, "UTC");
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{entry.MeetingId}@community",
            Sequence = entry.Sequence,
            Summary = entry.Title,
            Description = entry.Summary,
            DtStart = Local(entry.StartsAt, timeZone, zone),
            DtEnd = Local(entry.EndsAt > entry.StartsAt ? entry.EndsAt : entry.StartsAt, timeZone, zone),
            DtStamp = modified,
            LastModified = modified,
            Status = entry.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Url = new Uri(site, $"/m/{Uri.EscapeDataString(entry.MeetingId)}"),
            Location = Location(entry),
        };
        if (entry.Listing.Location is { } point)
        {
            calendarEvent.GeographicLocation = new GeographicLocation(point.Latitude, point.Longitude);
        }

        return calendarEvent;
    }

    /// <summary>The venue, city and country; or the online link when there is no place.</summary>
    private static string? Location(DirectoryEntry entry)
    {
        var place = string.Join(", ", new[] { entry.VenueName, entry.City, entry.Country }.Where(part => !string.IsNullOrEmpty(part)));
        return entry.Listing.Attendance == AttendanceMode.Online || place.Length == 0 ? entry.OnlineLink ?? NullIfEmpty(place) : place;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>An entry's zone if this server knows it, else UTC (an instant is never wrong, only less friendly).</summary>
    private static string ZoneOf(DirectoryEntry entry) => Pages.MeetingTime.Find(entry.TimeZone) is null ? "UTC" : entry.TimeZone;

    private static CalDateTime Local(DateTimeOffset moment, TimeZoneInfo timeZone, string zone) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(moment, timeZone).DateTime, DateTimeKind.Unspecified), zone, hasTime: true);
}
