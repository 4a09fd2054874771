using System.Net;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Images;
using Community.Web.Endpoints;
using SkiaSharp;

namespace Community.Web.Tests.Publishing;

/// <summary>A second web app on the shared cluster with small photo quotas: two per participant, three per meeting.</summary>
[Collection(WebCollection.Name)]
public sealed class PhotoQuotaTests(WebFixture fixture) : IDisposable
{
    private readonly CommunityWebApp _app = CommunityWebApp.Start(fixture.Cluster, settings: new Dictionary<string, string?>
    {
        ["Community:Media:PhotosPerParticipant"] = "2",
        ["Community:Media:PhotosPerMeeting"] = "3",
        ["Community:RateLimits:WriteBurst"] = "1000",
    });

    [Fact]
    public async Task The_photo_after_the_participants_or_the_meetings_quota_is_429_and_nothing_is_stored()
    {
        using var session = await ApiSession.StartAsync(_app);
        var card = await session.ProposeAsync(session.Ana, "Flip charts");
        var cardUrl = session.CardUrl(card.CardId);
        var photo = TestImages.Picture(SKEncodedImageFormat.Jpeg);

        foreach (var (client, expected) in new[]
        {
            (session.Ana, HttpStatusCode.Created),
            (session.Ana, HttpStatusCode.Created),
            (session.Ana, HttpStatusCode.TooManyRequests), // Ana's two are used
            (session.Boris, HttpStatusCode.Created),
            (session.Boris, HttpStatusCode.TooManyRequests), // the meeting's three are used
        })
        {
            using var upload = await PhotoTests.UploadAsync(client, cardUrl, photo, "chart.jpg", "image/jpeg");
            Assert.Equal(expected, upload.StatusCode);
            if (expected == HttpStatusCode.TooManyRequests)
            {
                await PhotoTests.AssertPhotoProblemAsync(upload, HttpStatusCode.TooManyRequests, PhotoEndpoints.QuotaProblemType);
            }
        }

        var discussion = await ApiSession.GetAsync<CardDiscussion>(session.Ana, $"{cardUrl}/notes");
        Assert.Equal(3, discussion.Photos.Count);
    }

    public void Dispose() => _app.Dispose();
}
