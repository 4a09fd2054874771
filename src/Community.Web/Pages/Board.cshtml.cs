using Community.Grains.Abstractions;
using Community.Web.Access;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Pages;

/// <summary>A board for a member: the participant view, with the facilitator's controls for facilitators.</summary>
public sealed class BoardModel(IGrainFactory grains, PageJson json) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public BoardSummary Board { get; private set; } = null!;

    public Role Role { get; private set; }

    /// <summary>The board as the API gives it to this member, so the page shows it before the live connection is up.</summary>
    public string SnapshotJson { get; private set; } = "null";

    /// <summary>Who is looking, so the page offers edit and withdraw on their own topics.</summary>
    public string ParticipantId { get; private set; } = "";

    /// <summary>The meeting's other regional boards, which a card of this regional board can link with, as JSON for the page.</summary>
    public string OtherRegionsJson { get; private set; } = "[]";

    /// <summary>Cards of other regions that link with this board.</summary>
    public IReadOnlyList<RegionLinks.IncomingLink> LinkedHere { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string meetingId, string boardId)
    {
        if (await MeetingPages.FindBoardAsync(grains, meetingId, boardId) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Board) = found;
        // The authorization policy let only members of this meeting in.
        var member = MeetingMember.From(User)!;
        Role = member.RoleIn(meetingId, boardId) ?? Role.Participant;
        SnapshotJson = json.Serialize(await grains.Board(meetingId, boardId).GetSnapshotFor(member.ActorIn(meetingId, boardId)!));
        ParticipantId = member.ParticipantId;
        if (Board.Kind == BoardKind.Glocal)
        {
            var others = RegionLinks.OtherRegions(Meeting, boardId);
            OtherRegionsJson = json.Serialize(others.Select(other => new { other.BoardId, other.Title }));
            LinkedHere = await RegionLinks.LinkedWithAsync(grains, Meeting, others, boardId);
        }

        return Page();
    }
}
