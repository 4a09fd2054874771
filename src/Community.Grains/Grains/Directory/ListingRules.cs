using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

/// <summary>
/// What a listing must hold: the value rules of its details and figures (each naming the field at fault as the
/// JSON body spells it), what must be known before it can be submitted, and the directory entry it becomes.
/// </summary>
internal static partial class ListingRules
{
    public const int MaxAge = 120;
    public const int MaxCapacity = 1_000_000;
    public const int MaxReasonLength = 500;

    public static readonly ImmutableArray<string> AgeBands = ["under-12", "12-18", "19-25", "26-64", "65-plus"];
    public static readonly ImmutableArray<string> Genders = ["female", "male", "other", "undisclosed"];

    public static ListingDetails Validate(ListingDetails details)
    {
        Rules.Require(Enum.IsDefined(details.Format), DomainError.Invalid, "format is not a known format.", "format");
        Rules.Require(Enum.IsDefined(details.Attendance), DomainError.Invalid, "attendance must be inPerson, online or hybrid.", "attendance");
        Rules.Require(details.MinAge is null or >= 0 and <= MaxAge, DomainError.Invalid, $"minAge must be 0 to {MaxAge}.", "minAge");
        Rules.Require(details.MaxAge is null or >= 0 and <= MaxAge, DomainError.Invalid, $"maxAge must be 0 to {MaxAge}.", "maxAge");
        Rules.Require(details.MinAge is not { } min || details.MaxAge is not { } max || min <= max, DomainError.Invalid, "maxAge must not be below minAge.", "maxAge");
        if (details.Location is { } location)
        {
            Rules.Require(double.IsFinite(location.Latitude) && location.Latitude is >= -90 and <= 90, DomainError.Invalid, "latitude must be -90 to 90.", "location.latitude");
            Rules.Require(double.IsFinite(location.Longitude) && location.Longitude is >= -180 and <= 180, DomainError.Invalid, "longitude must be -180 to 180.", "location.longitude");
        }

        Rules.Require(details.Capacity is null or >= 1 and <= MaxCapacity, DomainError.Invalid, $"capacity must be 1 to {MaxCapacity:N0}.", "capacity");
        Rules.Require(details.Price is null or >= 0 and <= 100_000, DomainError.Invalid, "price must be 0 to 100,000.", "price");
        var image = Rules.OptionalText(details.ImageUrl, "imageUrl", 2000);
        Rules.Require(image is null || (Uri.TryCreate(image, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps), DomainError.Invalid,
            "imageUrl must be an absolute https link.", "imageUrl");
        var campaign = string.IsNullOrWhiteSpace(details.CampaignSlug) ? null : details.CampaignSlug.Trim();
        Rules.Require(campaign is null || CampaignSlugPattern().IsMatch(campaign), DomainError.Invalid,
            "campaign must be a campaign's slug: 3-60 of a-z, 0-9 and '-'.", "campaign");
        return details with
        {
            ImageUrl = image,
            CampaignSlug = campaign,
            OrganiserName = Rules.OptionalText(details.OrganiserName, "organiserName", 120),
        };
    }

    /// <summary>A campaign's slug: its URL (/c/{slug}) and grain key.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")]
    public static partial Regex CampaignSlugPattern();

    /// <summary>What must be known before moderators see a listing: when, where, and how to get there.</summary>
    public static void RequireComplete(MeetingDetails meeting, ListingDetails listing)
    {
        Rules.Require(meeting.StartsAt is not null, DomainError.Invalid, "Set the meeting's start before listing it.", "startsAt");
        Rules.Require(meeting.EndsAt is not null, DomainError.Invalid, "Set the meeting's end before listing it.", "endsAt");
        Rules.Require(meeting.Country is not null, DomainError.Invalid, "Set the meeting's country before listing it.", "country");
        Rules.Require(listing.Attendance == AttendanceMode.Online || listing.Location is not null, DomainError.Invalid,
            "An in-person or hybrid listing needs the venue's position on the map.", "location");
        Rules.Require(listing.Attendance == AttendanceMode.InPerson || meeting.OnlineLink is not null, DomainError.Invalid,
            "An online or hybrid listing needs the meeting's online link.", "onlineLink");
    }

    public static ParticipantFigures Validate(ParticipantFigures figures)
    {
        Rules.Require(figures.Participants is >= 0 and <= MaxCapacity, DomainError.Invalid, $"participants must be 0 to {MaxCapacity:N0}.", "participants");
        Breakdown(figures.ByAgeBand, AgeBands, figures.Participants, "byAgeBand");
        Breakdown(figures.ByGender, Genders, figures.Participants, "byGender");
        return figures;
    }

    private static void Breakdown(ImmutableSortedDictionary<string, int> counts, ImmutableArray<string> keys, int participants, string field)
    {
        foreach (var (key, count) in counts)
        {
            Rules.Require(keys.Contains(key), DomainError.Invalid, $"{field} takes {string.Join(", ", keys)}.", $"{field}.{key}");
            Rules.Require(count >= 0, DomainError.Invalid, "A count cannot be negative.", $"{field}.{key}");
        }

        Rules.Require(counts.Values.Sum(count => (long)count) <= participants, DomainError.Invalid, $"{field} adds up to more than participants.", field);
    }

    /// <summary>The directory's copy of an approved listing.</summary>
    public static DirectoryEntry Entry(MeetingView meeting, ListingRecord listing, DateTimeOffset now)
    {
        var details = meeting.Details;
        return new DirectoryEntry
        {
            MeetingId = meeting.MeetingId,
            Title = details.Title,
            Summary = MarkdownText.Outline(details.Description, details.Title).Description,
            StartsAt = details.StartsAt ?? now,
            EndsAt = details.EndsAt ?? details.StartsAt ?? now,
            TimeZone = details.TimeZone,
            Country = details.Country ?? "",
            City = details.City,
            VenueName = details.VenueName,
            OnlineLink = details.OnlineLink,
            Tags = details.Tags,
            Languages = details.Languages,
            Listing = listing.Details,
            Cancelled = listing.Cancelled,
            Sequence = listing.Sequence,
            UpdatedAt = now,
            Figures = listing.Figures,
        };
    }

    /// <summary>Whether a calendar would show the difference (so SEQUENCE must rise).</summary>
    public static bool CalendarDiffers(MeetingDetails before, MeetingDetails after) =>
        before.Title != after.Title
        || before.Description != after.Description
        || before.StartsAt != after.StartsAt
        || before.EndsAt != after.EndsAt
        || before.TimeZone != after.TimeZone
        || before.City != after.City
        || before.Country != after.Country
        || before.VenueName != after.VenueName
        || before.OnlineLink != after.OnlineLink;
}
