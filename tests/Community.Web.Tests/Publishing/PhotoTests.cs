using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Testing.Images;
using Community.Web.Endpoints;
using SkiaSharp;

namespace Community.Web.Tests.Publishing;

[Collection(WebCollection.Name)]
public sealed class PhotoTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task A_rotated_phone_photo_with_gps_is_stored_upright_without_metadata_as_display_size_and_thumbnail()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Supporting girls in tech");

        using var upload = await UploadAsync(session.Boris, session.CardUrl(card.CardId), TestImages.JpegWithMetadata(orientation: 6), "IMG_0042.jpg", "image/jpeg");
        var photo = await CommunityWebApp.ReadAsync<PhotoResponse>(upload);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(photo.Url, upload.Headers.Location?.OriginalString);
        Assert.Equal((20, 40), (photo.Width, photo.Height));
        foreach (var url in new[] { photo.Url, photo.ThumbnailUrl })
        {
            using var served = await session.Anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("immutable", served.Headers.CacheControl?.ToString());
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.False(TestImages.ContainsSecret(bytes));
            using var upright = SKBitmap.Decode(bytes);
            Assert.Equal((20, 40), (upright.Width, upright.Height));
            Assert.True(upright.GetPixel(10, 5).Red > 180 && upright.GetPixel(10, 35).Blue > 180, "Red on top, blue below.");
        }

        var discussion = await ApiSession.GetAsync<CardDiscussion>(session.Ana, $"{session.CardUrl(card.CardId)}/notes");
        var registered = Assert.Single(discussion.Photos);
        Assert.Equal((photo.MediaName, photo.ThumbnailMediaName, 20, 40), (registered.MediaName, registered.ThumbnailMediaName!, registered.Width!.Value, registered.Height!.Value));
    }

    [Fact]
    public async Task Png_and_webp_with_every_metadata_trick_come_back_as_clean_webp()
    {
        using var session = await ApiSession.StartAsync(App);
        var card = await session.ProposeAsync(session.Ana, "Unplugged activities");

        foreach (var original in new[] { TestImages.PngWithMetadata(), TestImages.WebPWithMetadata() })
        {
            // The declared type and the name lie; the bytes decide.
            using var upload = await UploadAsync(session.Ana, session.CardUrl(card.CardId), original, "board.jpg", "image/jpeg");
            var photo = await CommunityWebApp.ReadAsync<PhotoResponse>(upload);
            var bytes = await session.Anonymous.GetByteArrayAsync(photo.Url);
            Assert.False(TestImages.ContainsSecret(bytes));
            Assert.All(TestImages.WebPChunks(bytes), chunk => Assert.Contains(chunk, (string[])["VP8 ", "VP8L", "VP8X", "ALPH"]));
        }
    }

    [Fact]
    public async Task A_png_declaring_100000_by_100000_pixels_is_413_naming_the_photo_field()
    {
        var shared = await fixture.SharedSessionAsync();

        using var upload = await UploadAsync(shared.Session.Ana, shared.Session.CardUrl(shared.CardId), TestImages.PngDeclaring(100_000, 100_000), "bomb.png", "image/png");

        await AssertPhotoProblemAsync(upload, HttpStatusCode.RequestEntityTooLarge, "/problems/body-too-large");
    }

    [Theory]
    [InlineData("twenty-byte-png")]
    [InlineData("random-after-png-signature")]
    public async Task What_does_not_decode_is_400_naming_the_photo_field(string what)
    {
        var shared = await fixture.SharedSessionAsync();
        var bytes = what == "twenty-byte-png" ? TestImages.TwentyBytePng() : TestImages.RandomBytes(9000, TestImages.PngSignature);

        using var upload = await UploadAsync(shared.Session.Ana, shared.Session.CardUrl(shared.CardId), bytes, "x.png", "image/png");

        await AssertPhotoProblemAsync(upload, HttpStatusCode.BadRequest, "/problems/invalid");
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
        var tooBig = TestImages.RandomBytes(PhotoEndpoints.MaxPhotoBytes + 1, TestImages.JpegWithMetadata());

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

        using var damaged = await UploadAsync(session.Ana, session.CardUrl(card.CardId), TestImages.JpegWithMetadata()[..50], "cut.jpg", "image/jpeg");
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
        var photo = TestImages.Picture(SKEncodedImageFormat.Jpeg);

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

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string cardUrl, byte[] bytes, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        using var form = new MultipartFormDataContent { { file, PhotoEndpoints.PhotoField, fileName } };
        return await client.PostAsync($"{cardUrl}/photos", form);
    }

    internal static async Task AssertPhotoProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await AccessTests.AssertProblemAsync(response, type);
        Assert.True(problem.GetProperty("errors").TryGetProperty(PhotoEndpoints.PhotoField, out _), problem.ToString());
    }

    internal static async Task AssertNoPhotosAsync(ApiSession session, string cardId)
    {
        var discussion = await ApiSession.GetAsync<CardDiscussion>(session.Ana, $"{session.CardUrl(cardId)}/notes");
        Assert.Empty(discussion.Photos);
    }
}
