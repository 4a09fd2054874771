using System.Security.Cryptography;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

/// <summary>Random ids and codes. Ids end up in URLs and blob names, so they use lower-case letters and digits only.</summary>
internal static class Ids
{
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Ids of boards and cards: unique within their meeting or board.</summary>
    public static string NewShortId() => RandomNumberGenerator.GetString(IdAlphabet, 10);

    /// <summary>Participant ids are unguessable: they are part of what a token vouches for.</summary>
    public static string NewParticipantId() => RandomNumberGenerator.GetString(IdAlphabet, 20);

    public static string NewCode() => RandomNumberGenerator.GetString(Codes.Alphabet, Codes.Length);

    /// <summary>An invite link's token: 256 random bits in base64url (<see cref="InviteTokens"/>).</summary>
    public static string NewInviteToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
