using Microsoft.Extensions.Configuration;

namespace Community.Grains.Grains;

/// <summary>Settings of the meeting's roster, bound from the "Roster" section (e.g. Roster__MaxPeople).</summary>
public sealed class RosterOptions
{
    public const string Section = "Roster";

    /// <summary>
    /// A meeting lists at most this many people (the roster is one record, rewritten whole by each group commit);
    /// later joins still work, each storing its own profile, but are not listed.
    /// </summary>
    public int MaxPeople { get; set; } = 20_000;

    public static RosterOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RosterOptions>() ?? new RosterOptions();
}
