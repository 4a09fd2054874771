using System.Buffers.Text;
using System.Security.Cryptography;
using Community.Grains.Abstractions;

namespace Community.Web.Access;

/// <summary>
/// One identity per browser: a long-lived random id (128 bits) in an HttpOnly cookie. Joining the same meeting
/// again from the same browser brings back the same participant (<see cref="ParticipantIdFor"/>) instead of a new one.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "community-device";

    /// <summary>The browser's device id, issuing one (and setting the cookie) when it has none or a malformed one.</summary>
    public static string Ensure(HttpContext context)
    {
        if (context.Request.Cookies[Name] is { } id && DeviceIds.IsWellFormed(id))
        {
            return id;
        }

        var fresh = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, fresh, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return fresh;
    }

    /// <summary>
    /// The participant this browser is in a meeting: a hash of the meeting and the device id. Participant ids are
    /// seen by other members (a card's author); the device id is a 128-bit secret that the hash does not give away,
    /// and the meeting in the hash keeps one browser's ids in two meetings unrelated.
    /// </summary>
    public static string ParticipantIdFor(string meetingId, string deviceId)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"community-participant\n{meetingId}\n{deviceId}"));
        return string.Create(MeetingJoining.IdLength, hash, (id, bytes) =>
        {
            for (var index = 0; index < id.Length; index++)
            {
                id[index] = MeetingJoining.IdAlphabet[bytes[index] % MeetingJoining.IdAlphabet.Length];
            }
        });
    }
}
