using System.Security.Claims;
using Community.Grains.Abstractions;

namespace Community.Web.Access;

/// <summary>
/// Who a token or cookie says its holder is: a member of one meeting with a role. A facilitator invited for some
/// boards only (<see cref="BoardIds"/> not empty) is a plain participant on the meeting's other boards.
/// </summary>
public sealed record MeetingMember(
    string MeetingId,
    string ParticipantId,
    string DisplayName,
    Role Role,
    IReadOnlyList<string> BoardIds,
    int KeyGeneration = 0)
{
    public const string MeetingClaim = "community:meeting";
    public const string ParticipantClaim = "community:participant";
    public const string BoardClaim = "community:board";
    /// <summary>The meeting's key generation the token was issued under (absent in older tokens: 0).</summary>
    public const string GenerationClaim = "community:generation";

    /// <summary>The member's role in this meeting (and board, if given); null for another meeting's member.</summary>
    public Role? RoleIn(string meetingId, string? boardId = null)
    {
        if (!string.Equals(meetingId, MeetingId, StringComparison.Ordinal))
        {
            return null;
        }

        var limitedToOtherBoards = Role == Role.Facilitator && BoardIds.Count > 0 && boardId is not null && !BoardIds.Contains(boardId);
        return limitedToOtherBoards ? Role.Participant : Role;
    }

    /// <summary>What grains are told about the caller; null for another meeting's member.</summary>
    public Actor? ActorIn(string meetingId, string? boardId = null) =>
        RoleIn(meetingId, boardId) is { } role ? new Actor(ParticipantId, DisplayName, role) : null;

    public ClaimsPrincipal ToPrincipal(string authenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(MeetingClaim, MeetingId),
            new(ParticipantClaim, ParticipantId),
            new(ClaimTypes.NameIdentifier, ParticipantId),
            new(ClaimTypes.Name, DisplayName),
            new(ClaimTypes.Role, Role.ToString()),
            new(GenerationClaim, KeyGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(BoardIds.Select(boardId => new Claim(BoardClaim, boardId)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The member an authenticated user stands for; null when anonymous or the claims are incomplete.</summary>
    public static MeetingMember? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || user.FindFirstValue(MeetingClaim) is not { Length: > 0 } meetingId
            || user.FindFirstValue(ParticipantClaim) is not { Length: > 0 } participantId
            || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        var boardIds = user.FindAll(BoardClaim).Select(claim => claim.Value).ToList();
        var generation = int.TryParse(user.FindFirstValue(GenerationClaim), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
        return new MeetingMember(meetingId, participantId, user.FindFirstValue(ClaimTypes.Name) ?? "", role, boardIds, generation);
    }
}
