using System.Globalization;
using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Pages;

/// <summary>
/// The console's "Public listing" section (Shared/_OrganiseListing.cshtml): the listing's details, its review and the
/// organiser's steps (submit, make private, cancel the event), as forms that work without script.
/// </summary>
public sealed partial class OrganiseModel
{
    public sealed class ListingForm
    {
        public MeetingFormat Format { get; set; }
        public AttendanceMode Attendance { get; set; }
        public int? MinAge { get; set; }
        public int? MaxAge { get; set; }
        /// <summary>Typed as numbers with a point, whatever the page's language (number inputs send them so).</summary>
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
        public int? Capacity { get; set; }
        public string? ImageUrl { get; set; }
        public string? Campaign { get; set; }
        public string? Price { get; set; }
        public string? OrganiserName { get; set; }

        public static ListingForm From(ListingDetails details) => new()
        {
            Format = details.Format,
            Attendance = details.Attendance,
            MinAge = details.MinAge,
            MaxAge = details.MaxAge,
            Latitude = details.Location?.Latitude.ToString(CultureInfo.InvariantCulture),
            Longitude = details.Location?.Longitude.ToString(CultureInfo.InvariantCulture),
            Capacity = details.Capacity,
            ImageUrl = details.ImageUrl,
            Campaign = details.CampaignSlug,
            Price = details.Price?.ToString(CultureInfo.InvariantCulture),
            OrganiserName = details.OrganiserName,
        };
    }

    /// <summary>The listing as it is (loaded with the page).</summary>
    public ListingView? Listing { get; private set; }

    /// <summary>The listing form: what was posted when it had faults, else the listing as it is.</summary>
    public ListingForm? ListingFields { get; private set; }

    /// <summary>Why the last step (submit, make private, cancel) was refused, for the section's alert.</summary>
    public string? ListingRefusal { get; private set; }

    public async Task<IActionResult> OnPostListingAsync(string meetingId, [FromForm(Name = nameof(ListingFields))] ListingForm form)
    {
        ListingFields = form;
        if (ModelState.IsValid && ReadListing(form) is { } request)
        {
            try
            {
                await grains.Listing(meetingId).Update(Organiser(meetingId), request.ToDetails());
                return Redirect($"/m/{meetingId}/organise#listing-heading");
            }
            catch (DomainException exception)
            {
                ModelState.AddModelError(FormField(exception.Field), exception.Message);
            }
        }

        return await ShowAsync(meetingId);
    }

    public Task<IActionResult> OnPostListingSubmitAsync(string meetingId) => ListingStepAsync(meetingId, (grain, actor) => grain.Submit(actor));

    public Task<IActionResult> OnPostListingWithdrawAsync(string meetingId) => ListingStepAsync(meetingId, (grain, actor) => grain.Withdraw(actor));

    /// <summary>Cancelling cannot be undone: the box must be ticked.</summary>
    public async Task<IActionResult> OnPostListingCancelAsync(string meetingId, bool confirm)
    {
        if (!confirm)
        {
            ListingRefusal = texts["Listing.CancelConfirmNeeded"];
            return await ShowAsync(meetingId);
        }

        return await ListingStepAsync(meetingId, (grain, actor) => grain.Cancel(actor));
    }

    private async Task<IActionResult> ListingStepAsync(string meetingId, Func<IListingGrain, Actor, Task<ListingView>> step)
    {
        try
        {
            await step(grains.Listing(meetingId), Organiser(meetingId));
            return Redirect($"/m/{meetingId}/organise#listing-heading");
        }
        catch (DomainException exception) when (exception.Error is DomainError.Invalid or DomainError.Conflict or DomainError.DeadlinePassed)
        {
            ListingRefusal = exception.Message;
            return await ShowAsync(meetingId);
        }
    }

    /// <summary>The form as the API's request, checked by the same rules; null (with the faults in ModelState) when it does not read.</summary>
    private ListingRequest? ReadListing(ListingForm form)
    {
        var latitude = Number(form.Latitude, nameof(ListingForm.Latitude));
        var longitude = Number(form.Longitude, nameof(ListingForm.Longitude));
        var price = Number(form.Price, nameof(ListingForm.Price));
        if ((latitude is null) != (longitude is null))
        {
            ModelState.AddModelError(FormField(latitude is null ? "location.latitude" : "location.longitude"), texts["Listing.PositionBoth"]);
        }

        var request = new ListingRequest(form.Format, form.Attendance, form.MinAge, form.MaxAge,
            latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null,
            form.Capacity, form.ImageUrl, form.Campaign, (decimal?)price, form.OrganiserName);
        if (ListingEndpoints.Validate(new Validation(), request).Errors is { Count: > 0 } errors)
        {
            foreach (var (field, messages) in errors)
            {
                ModelState.AddModelError(FormField(field), string.Join(" ", messages));
            }
        }

        return ModelState.IsValid ? request : null;
    }

    private double? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        ModelState.AddModelError($"{nameof(ListingFields)}.{field}", texts["Listing.NotANumber"]);
        return null;
    }

    /// <summary>The form's field for an API field name ("location.latitude" is the Latitude input).</summary>
    private static string FormField(string? apiField) => $"{nameof(ListingFields)}." + apiField switch
    {
        "location.latitude" or "location" => nameof(ListingForm.Latitude),
        "location.longitude" => nameof(ListingForm.Longitude),
        null => "",
        _ => char.ToUpperInvariant(apiField[0]) + apiField[1..],
    };
}
