using Community.Grains.Abstractions;

namespace Community.Web.Media;

/// <summary>
/// Photo limits from configuration section <c>Community:Media</c>. Quotas count the stored bytes (display size and
/// thumbnail after re-encoding, typically 150-450 KB a photo), not the uploaded original.
/// </summary>
public sealed class MediaOptions
{
    public const string Section = "Community:Media";

    /// <summary>Photos one participant may add in one meeting: a facilitator photographing every flip chart of a day.</summary>
    public int PhotosPerParticipant { get; set; } = 60;

    public long BytesPerParticipant { get; set; } = 40L * 1024 * 1024;

    /// <summary>Photos one meeting may hold: 60 topics with a few flip charts each.</summary>
    public int PhotosPerMeeting { get; set; } = 500;

    public long BytesPerMeeting { get; set; } = 300L * 1024 * 1024;

    /// <summary>Photos decoded at once on one web node (each may hold up to 200 MB of pixels while decoding).</summary>
    public int ConcurrentDecodes { get; set; } = 2;

    /// <summary>Uploads that wait for a decoder before being told to retry (503 with Retry-After).</summary>
    public int DecodeQueue { get; set; } = 8;

    public MediaQuota Quota => new(PhotosPerParticipant, BytesPerParticipant, PhotosPerMeeting, BytesPerMeeting);
}
