using System.Globalization;
using Community.Grains.Abstractions;

namespace Community.Web.Pages;

/// <summary>
/// A meeting's clock: times are typed and shown as the venue's wall clock in the meeting's IANA time zone, and
/// stored as instants. Pages put the instant in a &lt;time datetime&gt; too, so a viewer elsewhere also sees their own time.
/// </summary>
public static class MeetingTime
{
    /// <summary>Every IANA zone the platform knows, for the time zone field's list.</summary>
    public static readonly IReadOnlyList<string> Zones = TimeZoneInfo.GetSystemTimeZones()
        .Where(zone => zone.HasIanaId)
        .Select(zone => zone.Id)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The zone for an IANA id; null when the platform does not know it as one.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId ? zone : null;

    public static TimeZoneInfo ZoneOf(MeetingDetails details) => Find(details.TimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>The wall-clock time in the zone on that day, as an instant.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTime Local(DateTimeOffset moment, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(moment, zone).DateTime;

    /// <summary>The meeting's first day in its zone; today there when it has no date yet.</summary>
    public static DateOnly FirstDay(MeetingDetails details)
    {
        var zone = ZoneOf(details);
        return DateOnly.FromDateTime(Local(details.StartsAt ?? DateTimeOffset.UtcNow, zone));
    }

    /// <summary>"Saturday, 5 December 2026, 10:00" in the page's language.</summary>
    public static string Long(DateTimeOffset moment, TimeZoneInfo zone) =>
        Local(moment, zone).ToString("dddd, d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"10:00", or the date too when the end falls on another day than the start.</summary>
    public static string End(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        Local(start, zone).Date == Local(end, zone).Date
            ? Local(end, zone).ToString("HH:mm", CultureInfo.InvariantCulture)
            : Long(end, zone);

    /// <summary>"10:00–10:45" for a slot, in the meeting's zone.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        $"{Local(start, zone):HH:mm}–{Local(end, zone):HH:mm}";

    /// <summary>ISO 8601 in UTC, for &lt;time datetime&gt; and the local-time script.</summary>
    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
