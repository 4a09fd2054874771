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
