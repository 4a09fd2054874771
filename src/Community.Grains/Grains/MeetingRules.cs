using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>What makes meeting details valid; the meeting grain applies it on create and on every patch.</summary>
internal static class MeetingRules
{
    public static MeetingDetails Validate(MeetingDetails details)
    {
        if (details.StartsAt is { } startsAt && details.EndsAt is { } endsAt && endsAt <= startsAt)
        {
            throw Rules.Invalid("endsAt", "endsAt must be after startsAt.");
        }

        Rules.AtMost(details.Tags, 20, "tags");
        Rules.AtMost(details.Languages, 20, "languages");
        return details with
        {
            Title = Rules.Text(details.Title, "title", 1, 200),
            Description = Rules.Text(details.Description, "description", 0, 20_000),
            TimeZone = TimeZone(details.TimeZone),
            VenueName = Rules.OptionalText(details.VenueName, "venueName", 120),
            City = Rules.OptionalText(details.City, "city", 100),
            Country = details.Country is null ? null : Rules.Country(details.Country, "country"),
            OnlineLink = Rules.OptionalLink(details.OnlineLink, "onlineLink"),
            Tags = details.Tags.Select((tag, index) => Rules.Text(tag, $"tags[{index}]", 1, 50)).Distinct().ToList(),
            Languages = details.Languages.Select((language, index) => Rules.Text(language, $"languages[{index}]", 2, 20)).Distinct().ToList(),
        };
    }

    /// <summary>Null members of the patch leave the details as they are; an empty string clears an optional one.</summary>
    public static MeetingDetails Apply(MeetingDetails details, MeetingPatch patch) => details with
    {
        Title = patch.Title ?? details.Title,
        Description = patch.Description ?? details.Description,
        StartsAt = patch.StartsAt ?? details.StartsAt,
        EndsAt = patch.EndsAt ?? details.EndsAt,
        TimeZone = patch.TimeZone ?? details.TimeZone,
        VenueName = patch.VenueName ?? details.VenueName,
        City = patch.City ?? details.City,
        Country = patch.Country is null ? details.Country : patch.Country.Length == 0 ? null : patch.Country,
        OnlineLink = patch.OnlineLink ?? details.OnlineLink,
        Tags = patch.Tags ?? details.Tags,
        Languages = patch.Languages ?? details.Languages,
    };

    /// <summary>Only IANA ids (Europe/Sofia), so every client, not just .NET on Windows, understands the zone.</summary>
    private static string TimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !System.TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            throw Rules.Invalid("timeZone", "timeZone must be an IANA time zone id, e.g. Europe/Sofia.");
        }

        return zone.Id;
    }
}
