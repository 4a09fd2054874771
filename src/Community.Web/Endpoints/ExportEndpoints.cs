using System.Globalization;
using System.Text;
using Community.Grains.Abstractions;
using Community.Web.Access;
using CsvHelper;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Community.Web.Endpoints;

/// <summary>
/// Organiser exports: the open-space grid as iCalendar (one event per scheduled topic, in the meeting's time zone
/// with its VTIMEZONE, the space as location) and every card with its dots as CSV. The summary's Markdown is at
/// /m/{meetingId}/summary.md.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("/api/meetings/{meetingId}/export")
            .WithTags("Exports")
            .RequireMeetingRole(Role.Organiser);
        exports.MapGet("/calendar.ics", CalendarAsync)
            .WithName("ExportCalendar").WithSummary("Organiser: the open-space grid as iCalendar, one event per scheduled topic")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesReadProblems();
        exports.MapGet("/cards.csv", CardsAsync)
            .WithName("ExportCards").WithSummary("Organiser: every card of every board with its dots, interest, presence and place, as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesReadProblems();
        return endpoints;
    }

    private static async Task<IResult> CalendarAsync(string meetingId, IGrainFactory grains)
    {
        var (meeting, boards) = await LoadAsync(grains, meetingId);
        var zone = meeting.Details.TimeZone;
        var calendar = new Ical.Net.Calendar { ProductId = "-//Community//Open space grid//EN" };
        var events = boards.SelectMany(board => ScheduledTopics(board, zone, meeting.MeetingId)).ToList();
        if (events.Count > 0)
        {
            var earliest = events.Min(topic => topic.DtStart!.Value);
            calendar.AddTimeZone(zone, earliest, includeHistoricalData: false);
        }

        foreach (var topic in events)
        {
            calendar.Events.Add(topic);
        }

        var ics = new CalendarSerializer(calendar).SerializeToString();
        return TypedResults.Text(ics, "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static IEnumerable<CalendarEvent> ScheduledTopics(BoardSnapshot board, string zone, string meetingId)
    {
        if (board.Grid is not { } grid)
        {
            yield break;
        }

        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        foreach (var card in board.Cards)
        {
            if (card.Placement is not { } placement
                || grid.Slots.FirstOrDefault(slot => slot.Id == placement.SlotId) is not { } slot)
            {
                continue;
            }

            var space = grid.Spaces.FirstOrDefault(candidate => candidate.Id == placement.SpaceId);
            yield return new CalendarEvent
            {
                Uid = $"{meetingId}.{board.BoardId}.{card.CardId}@community",
                Summary = card.Title,
                Description = $"Convened by {card.AuthorName}" + (card.Description is { Length: > 0 } description ? $"\n\n{description}" : ""),
                Location = space?.Name,
                Url = space?.OnlineLink is { } link ? new Uri(link) : null,
                DtStart = LocalTime(slot.StartsAt, timeZone, zone),
                DtEnd = LocalTime(slot.EndsAt, timeZone, zone),
            };
        }
    }

    // Wall-clock time in the meeting's zone with its TZID, so calendars show the slot as the venue's clock did.
    private static CalDateTime LocalTime(DateTimeOffset moment, TimeZoneInfo timeZone, string zone) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(moment, timeZone).DateTime, DateTimeKind.Unspecified), zone, hasTime: true);

    /// <summary>The CSV columns, in order.</summary>
    public static readonly string[] CardColumns = ["board", "lane", "card", "author", "dots", "interested", "present", "status", "slot", "space"];

    private static async Task<IResult> CardsAsync(string meetingId, IGrainFactory grains)
    {
        var (_, boards) = await LoadAsync(grains, meetingId);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A title like "=HYPERLINK(...)" must open as text in a spreadsheet, not as a formula.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(CardColumns);
            foreach (var board in boards)
            {
                foreach (var card in board.Cards.OrderBy(card => LaneIndex(board, card)).ThenByDescending(card => card.Dots).ThenByDescending(card => card.Interested))
                {
                    csv.WriteRecord(Row(board, card));
                }
            }
        }

        return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static int LaneIndex(BoardSnapshot board, CardView card) => board.Lanes.Select(lane => lane.Id).ToList().IndexOf(card.Lane);

    private static string[] Row(BoardSnapshot board, CardView card)
    {
        var placement = card.Placement;
        var slot = board.Grid?.Slots.FirstOrDefault(candidate => candidate.Id == placement?.SlotId);
        var space = board.Grid?.Spaces.FirstOrDefault(candidate => candidate.Id == placement?.SpaceId);
        var lane = board.Lanes.FirstOrDefault(candidate => candidate.Id == card.Lane)?.Title ?? card.Lane;
        return
        [
            board.Title, lane, card.Title, card.AuthorName, Number(card.Dots), Number(card.Interested), Number(card.Present),
            StatusName(card.Status), slot?.Label ?? "", space?.Name ?? "",
        ];
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // As the API spells it: "proposed", "scheduled".
    private static string StatusName(CardStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static async Task<(MeetingView Meeting, IReadOnlyList<BoardSnapshot> Boards)> LoadAsync(IGrainFactory grains, string meetingId)
    {
        var meeting = await grains.Meeting(meetingId).Get();
        var boards = await Task.WhenAll(meeting.Boards.Select(board => grains.Board(meetingId, board.BoardId).GetSnapshot(null)));
        return (meeting, boards);
    }
}
