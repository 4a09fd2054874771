using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// A meeting's details as /new and the organiser console ask for them (Shared/_MeetingDetails.cshtml): dates and
/// times as the venue's clock shows them, in the meeting's IANA time zone (the browser's by default).
/// </summary>
public sealed class MeetingDetailsForm
{
    public const int MaxVenueLength = 120;
    public const int MaxCityLength = 100;

    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateOnly? StartDate { get; set; }
    /// <summary>Empty for a one-day meeting.</summary>
    public DateOnly? EndDate { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    public string? TimeZone { get; set; }
    public string? VenueName { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? OnlineLink { get; set; }
    public MeetingState State { get; set; } = MeetingState.Draft;
    /// <summary>Closing is only done when this box is ticked too.</summary>
    public bool ConfirmClose { get; set; }

    /// <summary>The form filled in with what the meeting has, in its own zone.</summary>
    public static MeetingDetailsForm From(MeetingView meeting)
    {
        var details = meeting.Details;
        var zone = MeetingTime.ZoneOf(details);
        DateTime? starts = details.StartsAt is { } start ? MeetingTime.Local(start, zone) : null;
        DateTime? ends = details.EndsAt is { } end ? MeetingTime.Local(end, zone) : null;
        return new MeetingDetailsForm
        {
            Title = details.Title,
            Description = details.Description,
            StartDate = starts is { } s ? DateOnly.FromDateTime(s) : null,
            StartTime = starts is { } st ? TimeOnly.FromDateTime(st) : null,
            EndDate = ends is { } e && starts is { } s2 && e.Date != s2.Date ? DateOnly.FromDateTime(e) : null,
            EndTime = ends is { } et ? TimeOnly.FromDateTime(et) : null,
            TimeZone = details.TimeZone,
            VenueName = details.VenueName,
            City = details.City,
            Country = details.Country,
            OnlineLink = details.OnlineLink,
            State = meeting.State,
        };
    }

    /// <summary>
    /// The details the form stands for, or null with the faults in <paramref name="errors"/> under
    /// "<paramref name="prefix"/>.Field". <paramref name="current"/> is the meeting's state before (null on /new).
    /// </summary>
    public MeetingDetails? Read(ModelStateDictionary errors, string prefix, IStringLocalizer<PageText> texts, MeetingState? current = null)
    {
        void Fault(string field, string message) => errors.AddModelError($"{prefix}.{field}", message);

        var title = UserText.Line(Title) ?? "";
        if (title.Length is 0 or > MeetingEndpoints.TitleMaxLength)
        {
            Fault(nameof(Title), texts["New.TitleInvalid", MeetingEndpoints.TitleMaxLength]);
        }

        var description = UserText.Lines(Description) ?? "";
        if (description.Length > MeetingEndpoints.DescriptionMaxLength)
        {
            Fault(nameof(Description), texts["Details.DescriptionTooLong", MeetingEndpoints.DescriptionMaxLength]);
        }

        var zone = MeetingTime.Find(TimeZone);
        if (zone is null)
        {
            Fault(nameof(TimeZone), texts["Details.TimeZoneInvalid"]);
        }

        var country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        if (country is not null && !CountryCodes.IsValid(country))
        {
            Fault(nameof(Country), texts["Join.CountryInvalid"]);
        }

        var link = string.IsNullOrWhiteSpace(OnlineLink) ? null : OnlineLink.Trim();
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            Fault(nameof(OnlineLink), texts["Details.LinkInvalid"]);
        }

        if (VenueName?.Trim().Length > MaxVenueLength || City?.Trim().Length > MaxCityLength)
        {
            Fault(VenueName?.Trim().Length > MaxVenueLength ? nameof(VenueName) : nameof(City), texts["Details.TooLong"]);
        }

        if (StartDate is null && (EndDate is not null || StartTime is not null || EndTime is not null))
        {
            Fault(nameof(StartDate), texts["Details.DateRequired"]);
        }

        if (!Enum.IsDefined(State))
        {
            Fault(nameof(State), texts["Details.StateInvalid"]);
        }
        else if (State == MeetingState.Closed && current is not MeetingState.Closed && !ConfirmClose)
        {
            Fault(nameof(ConfirmClose), texts["Details.ConfirmCloseRequired"]);
        }

        DateTimeOffset? startsAt = null;
        DateTimeOffset? endsAt = null;
        if (zone is not null && StartDate is { } firstDay)
        {
            startsAt = MeetingTime.At(firstDay, StartTime ?? TimeOnly.MinValue, zone);
            var lastDay = EndDate ?? firstDay;
            endsAt = EndDate is null && EndTime is null ? null : MeetingTime.At(lastDay, EndTime ?? new TimeOnly(23, 59), zone);
            if (endsAt <= startsAt)
            {
                Fault(EndDate is not null && lastDay < firstDay ? nameof(EndDate) : nameof(EndTime), texts["Details.EndBeforeStart"]);
            }
        }

        if (errors.ErrorCount > 0)
        {
            return null;
        }

        return new MeetingDetails
        {
            Title = title,
            Description = description,
            StartsAt = startsAt,
            EndsAt = endsAt,
            TimeZone = zone!.Id,
            VenueName = UserText.Line(VenueName) is { Length: > 0 } venue ? venue : null,
            City = UserText.Line(City) is { Length: > 0 } city ? city : null,
            Country = country,
            OnlineLink = link,
        };
    }
}
