using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Scenarios;

namespace Community.Web.Tests.Publishing;

/// <summary>
/// A meeting created through the API (so its organiser has a token) with a participant, seeded through its grains
/// as the Sofia meeting unless the test needs only the people.
/// </summary>
public sealed record SofiaOnTheWeb(string MeetingId, SofiaMeeting? Seeded, HttpClient Organiser, HttpClient Participant) : IDisposable
{
    public SofiaMeeting Sofia => Seeded ?? throw new InvalidOperationException("This meeting was not seeded.");

    public string SummaryUrl => $"/api/meetings/{MeetingId}/summary";

    public static async Task<SofiaOnTheWeb> StartAsync(WebFixture fixture, bool seed = true)
    {
        var app = fixture.App;
        var meeting = await app.CreateMeetingAsync(SofiaMeeting.Title);
        // Joined before the seeding dates the meeting in April 2025: a meeting long over takes no more joins.
        var participant = await app.JoinAsync(meeting.JoinCode, "Maria Ivanova", "BG");
        var organiser = new Actor(meeting.OrganiserId, "Organiser", Role.Organiser);
        var sofia = seed ? await SofiaMeeting.SeedAsync(fixture.Cluster.Grains, meeting.MeetingId, organiser) : null;
        return new SofiaOnTheWeb(meeting.MeetingId, sofia, app.CreateClient(meeting.OrganiserToken), app.CreateClient(participant.Token));
    }

    public void Dispose()
    {
        Organiser.Dispose();
        Participant.Dispose();
    }
}
