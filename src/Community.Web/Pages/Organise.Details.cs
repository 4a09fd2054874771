using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Pages;

/// <summary>The console's "Meeting details" section (Shared/_OrganiseDetails.cshtml): title, description, dates, zone, place and state.</summary>
public sealed partial class OrganiseModel
{
    /// <summary>The details form: what was posted when it had faults, else the meeting as it is.</summary>
    public MeetingDetailsForm? Details { get; private set; }

    /// <summary>Set after a successful save, for the status line.</summary>
    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    /// <summary>The details form stays open when what was posted had faults.</summary>
    public bool EditingDetails { get; private set; }

    public async Task<IActionResult> OnPostDetailsAsync(string meetingId, [FromForm(Name = nameof(Details))] MeetingDetailsForm details)
    {
        if (await MeetingPages.FindMeetingAsync(grains, meetingId) is not { } meeting)
        {
            return NotFound();
        }

        Details = details;
        EditingDetails = true;
        if (details.Read(ModelState, nameof(Details), texts, meeting.State) is not { } read)
        {
            return await ShowAsync(meetingId);
        }

        // The form has no tags or languages (the API and imports set them): null leaves them as they are.
        await grains.GetGrain<IMeetingGrain>(meetingId).Update(Organiser(meetingId), MeetingPatch.Replacing(read) with { Tags = null, Languages = null, State = details.State });
        return Redirect($"/m/{meetingId}/organise?saved=true#details-heading");
    }
}
