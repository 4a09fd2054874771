namespace Community.Grains.Abstractions;

/// <summary>
/// Grain keys are natural string ids. Boards and cards are scoped by their meeting, so a key names its parents:
/// "{meetingId}/{boardId}" and "{meetingId}/{boardId}/{cardId}". Keys end up in blob names: never change their shape.
/// </summary>
public static class Keys
{
    public static string Board(string meetingId, string boardId) => $"{meetingId}/{boardId}";

    public static string Card(string meetingId, string boardId, string cardId) => $"{meetingId}/{boardId}/{cardId}";

    public static string Participant(string meetingId, string participantId) => $"{meetingId}/{participantId}";

    /// <summary>Splits a scoped key back into its parts.</summary>
    public static string[] Parts(string key) => key.Split('/');
}
