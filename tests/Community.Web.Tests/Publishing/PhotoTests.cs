using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Images;
using Community.Web.Endpoints;

namespace Community.Web.Tests.Publishing;

[Collection(WebCollection.Name)]
public sealed class PhotoTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task A_jpeg_with_gps_exif_is_stored_and_served_without_it()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Supporting girls in tech");
        var withGps = TestImages.Jpeg(withGpsExif: true);

        using var upload = await UploadAsync(session.Boris, session.CardUrl(card.CardId), withGps, "IMG_0042.jpg", "image/jpeg");
        var photo = await CommunityWebApp.ReadAsync<PhotoResponse>(upload);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(photo.Url, upload.Headers.Location?.OriginalString);
        using var served = await session.Anonymous.GetAsync(photo.Url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(TestImages.Jpeg(withGpsExif: false), bytes);
        Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif"u8));

        var discussion = await ApiSession.GetAsync<CardDiscussion>(session.Ana, $"{session.CardUrl(card.CardId)}/notes");
        var registered = Assert.Single(discussion.Photos);
        Assert.Equal(photo.MediaName, registered.MediaName);
    }

    [Fact]
    public async Task A_png_loses_its_exif_chunk_and_a_webp_its_exif_and_xmp()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Unplugged activities");

        foreach (var (original, stripped, contentType) in new[]
        {
            (TestImages.Png(withMetadata: true), TestImages.Png(withMetadata: false), "image/png"),
            (TestImages.WebP(withMetadata: true), TestImages.WebP(withMetadata: false), "image/webp"),
        })
        {
            // The declared type and the name lie; the bytes decide.
            using var upload = await UploadAsync(session.Ana, session.CardUrl(card.CardId), original, "board.jpg", "image/jpeg");
            var photo = await CommunityWebApp.ReadAsync<PhotoResponse>(upload);
            using var served = await session.Anonymous.GetAsync(photo.Url);
            Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(stripped, await served.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_text_file_renamed_jpg_is_refused_with_problem_details_naming_the_field()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "AI in the classroom");

        using var upload = await UploadAsync(session.Ana, session.CardUrl(card.CardId), "this is just text, honestly a photo"u8.ToArray(), "photo.jpg", "image/jpeg");

        await AssertPhotoProblemAsync(upload, HttpStatusCode.UnsupportedMediaType, "/problems/unsupported-media-type");
        await AssertNoPhotosAsync(session, card.CardId);
    }

    [Fact]
    public async Task A_photo_over_10_mb_is_refused_with_413_and_nothing_is_added()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Big photo");
        var tooBig = new byte[PhotoEndpoints.MaxPhotoBytes + 1];
        TestImages.Jpeg(withGpsExif: true).CopyTo(tooBig, 0);

        using var upload = await UploadAsync(session.Ana, session.CardUrl(card.CardId), tooBig, "huge.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        await AccessTests.AssertProblemAsync(upload, "/problems/body-too-large");
        await AssertNoPhotosAsync(session, card.CardId);
    }

    [Fact]
    public async Task A_damaged_jpeg_or_a_missing_file_is_400_naming_the_photo_field()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Damaged");

        using var damaged = await UploadAsync(session.Ana, session.CardUrl(card.CardId), TestImages.Jpeg(withGpsExif: true)[..50], "cut.jpg", "image/jpeg");
        using var form = new MultipartFormDataContent { { new StringContent("no file"), "comment" } };
        using var missing = await session.Ana.PostAsync($"{session.CardUrl(card.CardId)}/photos", form);

        await AssertPhotoProblemAsync(damaged, HttpStatusCode.BadRequest, "/problems/invalid");
        await AssertPhotoProblemAsync(missing, HttpStatusCode.BadRequest, "/problems/invalid");

        await AssertNoPhotosAsync(session, card.CardId);
    }

    [Fact]
    public async Task Uploading_needs_a_member_of_the_meeting_and_an_active_card()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Members only");
        var other = await App.CreateMeetingAsync("Another meeting");
        using var stranger = App.CreateClient(other.OrganiserToken);
        var photo = TestImages.Jpeg(withGpsExif: false);

        using var anonymous = await UploadAsync(session.Anonymous, session.CardUrl(card.CardId), photo, "a.jpg", "image/jpeg");
        using var foreign = await UploadAsync(stranger, session.CardUrl(card.CardId), photo, "a.jpg", "image/jpeg");
        using var unknownCard = await UploadAsync(session.Ana, session.CardUrl("nocard"), photo, "a.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCard.StatusCode);
        await AssertNoPhotosAsync(session, card.CardId);
    }

    [Theory]
    [InlineData("/media/00000000000000000000000000000000.jpg")]
    [InlineData("/media/notes.txt")]
    [InlineData("/media/..%2Fgrainstate")]
    public async Task Unknown_media_is_404(string url)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string cardUrl, byte[] bytes, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        using var form = new MultipartFormDataContent { { file, PhotoEndpoints.PhotoField, fileName } };
        return await client.PostAsync($"{cardUrl}/photos", form);
    }

    private static async Task AssertPhotoProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, type);
        Assert.True(problem.GetProperty("errors").TryGetProperty(PhotoEndpoints.PhotoField, out _), problem.ToString());
    }

    private static async Task AssertNoPhotosAsync(ApiSession session, string cardId)
    {
        var discussion = await ApiSession.GetAsync<CardDiscussion>(session.Ana, $"{session.CardUrl(cardId)}/notes");
        Assert.Empty(discussion.Photos);
    }
}
