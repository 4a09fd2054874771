using Community.Grains.Abstractions;
using Community.Web.Pages;

namespace Community.Web.Directory;

/// <summary>
/// One activity as the directory's API and exports show it: public fields only, times as ISO 8601 with the offset
/// of the event's own zone (<c>2026-11-02T17:00:00+01:00</c>), its page's address.
/// </summary>
public sealed record DirectoryItem(
    string MeetingId,
    string Url,
    string Title,
    string Summary,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    string Country,
    string? City,
    string? VenueName,
    bool Online,
    MeetingFormat Format,
    AttendanceMode Attendance,
    int? MinAge,
    int? MaxAge,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Tags,
    string? Campaign,
    string? Organiser,
    bool Cancelled,
    double? Latitude,
    double? Longitude,
    int? Participants)
{
    public static DirectoryItem From(DirectoryEntry entry)
    {
        var zone = MeetingTime.Find(entry.TimeZone) ?? TimeZoneInfo.Utc;
        var listing = entry.Listing;
        return new DirectoryItem(
            entry.MeetingId,
            $"/m/{entry.MeetingId}",
            entry.Title,
            entry.Summary,
            TimeZoneInfo.ConvertTime(entry.StartsAt, zone),
            TimeZoneInfo.ConvertTime(entry.EndsAt, zone),
            entry.TimeZone,
            entry.Country,
            entry.City,
            entry.VenueName,
            listing.Attendance != AttendanceMode.InPerson,
            listing.Format,
            listing.Attendance,
            listing.MinAge,
            listing.MaxAge,
            entry.Languages,
            entry.Tags,
            listing.CampaignSlug,
            listing.OrganiserName,
            entry.Cancelled,
            listing.Location?.Latitude,
            listing.Location?.Longitude,
            entry.Figures?.Participants);
    }
}

/// <summary>A page of the directory: the total, this page's activities and the counts per country and format.</summary>
public sealed record DirectoryResponse(
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<DirectoryItem> Entries,
    IReadOnlyDictionary<string, int> ByCountry,
    IReadOnlyDictionary<string, int> ByFormat);

/// <summary>Clusters and single activities in the map's box at its zoom.</summary>
public sealed record DirectoryMapResponse(int Zoom, IReadOnlyList<MapPoint> Points);
