using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Web.Pages;

/// <summary>
/// A listed meeting as a schema.org <c>Event</c> in JSON-LD, for search engines and calendars reading /m/{id}.
/// Built as JSON nodes and serialised by System.Text.Json, whose default encoder escapes '&lt;' and '&gt;', so a title
/// holding "&lt;/script&gt;" cannot end the script element it sits in.
/// </summary>
public static class EventJsonLd
{
    public const string FreeCurrency = "EUR";

    public static string For(MeetingView meeting, ListingView listing, string pageUrl)
    {
        var details = meeting.Details;
        var listed = listing.Details;
        var zone = MeetingTime.ZoneOf(details);
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = details.Title,
            ["description"] = MarkdownText.Outline(details.Description, details.Title).Description,
            ["url"] = pageUrl,
            ["eventStatus"] = listing.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = listed.Attendance switch
            {
                AttendanceMode.Online => "https://schema.org/OnlineEventAttendanceMode",
                AttendanceMode.Hybrid => "https://schema.org/MixedEventAttendanceMode",
                _ => "https://schema.org/OfflineEventAttendanceMode",
            },
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = listed.OrganiserName ?? "Community" },
            ["offers"] = new JsonObject
            {
                ["@type"] = "Offer",
                ["price"] = listed.Price ?? 0m,
                ["priceCurrency"] = FreeCurrency,
                ["url"] = pageUrl,
            },
        };
        if (details.StartsAt is { } starts)
        {
            json["startDate"] = WithOffset(starts, zone);
        }

        if (details.EndsAt is { } ends)
        {
            json["endDate"] = WithOffset(ends, zone);
        }

        var locations = new JsonArray();
        if (listed.Attendance != AttendanceMode.Online)
        {
            locations.Add(Place(details, listed.Location));
        }

        if (listed.Attendance != AttendanceMode.InPerson && details.OnlineLink is { } link)
        {
            locations.Add(new JsonObject { ["@type"] = "VirtualLocation", ["url"] = link });
        }

        json["location"] = locations.Count == 1 ? locations[0]!.DeepClone() : locations;
        if (listed.ImageUrl is { } image)
        {
            json["image"] = image;
        }

        return json.ToJsonString(new JsonSerializerOptions());
    }

    /// <summary>ISO 8601 in the event's own zone, with its offset (e.g. 2026-11-02T17:00:00+01:00).</summary>
    public static string WithOffset(DateTimeOffset moment, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(moment, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonObject Place(MeetingDetails details, GeoPoint? position)
    {
        var place = new JsonObject
        {
            ["@type"] = "Place",
            ["name"] = details.VenueName ?? details.City ?? details.Title,
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["addressLocality"] = details.City,
                ["addressCountry"] = details.Country,
            },
        };
        if (position is not null)
        {
            place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = position.Latitude, ["longitude"] = position.Longitude };
        }

        return place;
    }
}
