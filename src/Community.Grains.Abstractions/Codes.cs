namespace Community.Grains.Abstractions;

/// <summary>
/// Join and invite codes: 6 characters read aloud or typed on a phone, so the alphabet leaves out characters that
/// look alike (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V). The web normalises what people type before resolving it.
/// </summary>
public static class Codes
{
    public const int Length = 6;

    public const string Alphabet = "ACEFGHJKMNPRTWXY34679";

    /// <summary>Upper-cases and strips spaces and dashes people type; the result may still be malformed.</summary>
    public static string Normalize(string typed) =>
        string.Concat(typed.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    public static bool IsWellFormed(string code) => code.Length == Length && code.All(Alphabet.Contains);
}

/// <summary>
/// Invite links carry a long random token instead of a short code: 32 random bytes (256 bits) in base64url, so they
/// cannot be guessed and never collide with the 6-character join codes. Case matters, so they are not normalised.
/// </summary>
public static class InviteTokens
{
    public const int Length = 43;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static bool IsWellFormed(string token) => token.Length == Length && token.All(Alphabet.Contains);

    /// <summary>What people type or paste: an invite token as it is (trimmed), anything else as a join code.</summary>
    public static string NormalizeLookup(string typed) =>
        typed.Trim() is var trimmed && IsWellFormed(trimmed) ? trimmed : Codes.Normalize(typed);
}
