namespace Community.Grains.Abstractions;

/// <summary>What a member of a meeting may do. Each role may do everything the roles before it may.</summary>
public enum Role
{
    Participant = 0,
    Facilitator = 1,
    Organiser = 2,
}

/// <summary>Who is making a call: the web layer derives it from the authenticated token and hands it to grains.</summary>
[Immutable, GenerateSerializer]
public sealed record Actor(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role)
{
    public bool IsAtLeast(Role role) => Role >= role;
}
