using System.Globalization;
using System.Text;
using Community.Content;
using Community.Grains.Abstractions;

namespace Community.Grains.Summaries;

/// <summary>One board as the draft needs it: its snapshot and the discussion of each of its cards.</summary>
internal sealed record BoardMaterial(BoardSnapshot Board, IReadOnlyDictionary<string, CardDiscussion> Discussions);

/// <summary>
/// Writes the first draft of a meeting's summary in the spirit of a community blog post: the meeting, then per
/// board what stood out. Topics come by dots, then interest; glocal regions by lane, with their cross-border links.
/// Words from people (titles, names, labels) are escaped so they stay text; notes are Markdown and stay Markdown
/// when they are within <see cref="MarkdownLimits"/>, else they become escaped text.
/// </summary>
internal static class SummaryDraftWriter
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Write(MeetingView meeting, IReadOnlyList<BoardMaterial> boards)
    {
        var details = meeting.Details;
        var zone = TimeZoneOf(details.TimeZone);
        var markdown = new StringBuilder();
        markdown.AppendLine($"# {MarkdownText.Escape(details.Title)}").AppendLine();
        if (WhenAndWhere(details, zone) is { Length: > 0 } whenAndWhere)
        {
            markdown.AppendLine($"*{whenAndWhere}*").AppendLine();
        }

        if (Lead(boards) is { Length: > 0 } lead)
        {
            markdown.AppendLine(lead).AppendLine();
        }

        if (!string.IsNullOrWhiteSpace(details.Description))
        {
            markdown.AppendLine(details.Description.Trim()).AppendLine();
        }

        var titles = boards.ToDictionary(material => material.Board.BoardId, material => material.Board.Title);
        foreach (var material in boards)
        {
            if (material.Board.Kind == BoardKind.Glocal)
            {
                WriteGlocal(markdown, material, titles);
            }
            else
            {
                WriteOpenSpace(markdown, material, zone);
            }
        }

        return markdown.ToString().TrimEnd() + "\n";
    }

    private static void WriteOpenSpace(StringBuilder markdown, BoardMaterial material, TimeZoneInfo zone)
    {
        var board = material.Board;
        var topics = Ranked(board.Cards);
        markdown.AppendLine($"## {MarkdownText.Escape(board.Title)}").AppendLine();
        markdown.AppendLine($"{Count(topics.Count, "topic")} proposed, {Count(topics.Sum(card => card.Dots), "dot")} given.").AppendLine();
        var rank = 0;
        foreach (var topic in topics)
        {
            markdown.AppendLine($"### {++rank}. {MarkdownText.Escape(topic.Title)}").AppendLine();
            // Only what happened: a topic nobody dotted or marked is not "0 dots · 0 interested".
            var facts = new List<string> { $"Convened by {MarkdownText.Escape(topic.AuthorName)}" };
            if (topic.Dots > 0)
            {
                facts.Add(Count(topic.Dots, "dot"));
            }

            if (topic.Interested > 0)
            {
                facts.Add($"{topic.Interested} interested");
            }

            if (WhereScheduled(board, topic, zone) is { } scheduled)
            {
                facts.Add(scheduled);
            }

            markdown.AppendLine($"*{string.Join(" · ", facts)}*").AppendLine();
            WriteDiscussion(markdown, topic, material.Discussions, indent: "");
        }
    }

    private static void WriteGlocal(StringBuilder markdown, BoardMaterial material, IReadOnlyDictionary<string, string> boardTitles)
    {
        var board = material.Board;
        markdown.Append($"## {MarkdownText.Escape(board.Title)}");
        if (board.Region is { } region && region.Name != board.Title)
        {
            markdown.Append($": {MarkdownText.Escape(region.Name)}");
        }

        markdown.AppendLine().AppendLine();
        if (board.Region is { Countries.Count: > 0 } withCountries)
        {
            markdown.AppendLine($"*Countries: {MarkdownText.Escape(string.Join(", ", withCountries.Countries))}*").AppendLine();
        }

        foreach (var lane in board.Lanes)
        {
            var cards = Ranked(board.Cards.Where(card => card.Lane == lane.Id));
            if (cards.Count == 0)
            {
                continue;
            }

            markdown.AppendLine($"### {MarkdownText.Escape(lane.Title)}").AppendLine();
            foreach (var card in cards)
            {
                // Sticky notes in a region mostly carry no votes: only what happened is mentioned.
                var facts = new List<string> { $"**{MarkdownText.Escape(card.Title)}**, by {MarkdownText.Escape(card.AuthorName)}" };
                if (card.Dots > 0)
                {
                    facts.Add(Count(card.Dots, "dot"));
                }

                if (card.Interested > 0)
                {
                    facts.Add($"{card.Interested} interested");
                }

                var links = card.LinkedBoards.Where(boardTitles.ContainsKey).Select(id => MarkdownText.Escape(boardTitles[id])).ToList();
                if (links.Count > 0)
                {
                    facts.Add($"cross-border with {string.Join(", ", links)}");
                }

                markdown.AppendLine($"- {string.Join(" · ", facts)}");
                WriteDiscussion(markdown, card, material.Discussions, indent: "  ");
            }

            markdown.AppendLine();
        }
    }

    // A card's description, notes and photos; inside a list item every line is indented to stay in the item.
    private static void WriteDiscussion(StringBuilder markdown, CardView card, IReadOnlyDictionary<string, CardDiscussion> discussions, string indent)
    {
        var discussion = discussions.GetValueOrDefault(card.CardId) ?? new CardDiscussion();
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(card.Description))
        {
            parts.Add(MarkdownText.Escape(card.Description.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(discussion.Notes))
        {
            parts.Add(NotesAsMarkdown(discussion.Notes.Trim()));
        }

        parts.AddRange(discussion.Photos.Select(photo => $"![Flip chart: {MarkdownText.Escape(card.Title)}]({MediaPath.For(photo.MediaName)})"));
        foreach (var part in parts)
        {
            if (indent.Length > 0)
            {
                markdown.AppendLine();
            }

            foreach (var line in part.ReplaceLineEndings("\n").Split('\n'))
            {
                markdown.AppendLine(line.Length == 0 ? "" : indent + line);
            }

            if (indent.Length == 0)
            {
                markdown.AppendLine();
            }
        }
    }

    /// <summary>
    /// Notes within <see cref="MarkdownLimits"/> stay Markdown. Notes that are not (saved before the limits existed)
    /// must not block the summary: they follow as escaped plain text, marked as such.
    /// </summary>
    internal static string NotesAsMarkdown(string notes) =>
        MarkdownLimits.Refusal(notes) is null ? NestHeadings(notes) : $"{UnformattedNotesMarker}\n\n{MarkdownText.Escape(notes)}";

    public const string UnformattedNotesMarker = "*(These notes could not be formatted and are shown as plain text.)*";

    /// <summary>One sentence on what the day produced, for readers who stop after the first paragraph.</summary>
    private static string Lead(IReadOnlyList<BoardMaterial> boards)
    {
        var sentences = new List<string>();
        foreach (var board in boards.Select(material => material.Board).Where(board => board.Kind == BoardKind.OpenSpace && board.Cards.Count > 0))
        {
            var dots = board.Cards.Sum(card => card.Dots);
            var scheduled = board.Cards.Count(card => card.Placement is not null);
            var sentence = $"People proposed {Count(board.Cards.Count, "topic")} and gave {Count(dots, "dot")} in “{MarkdownText.Escape(board.Title)}”";
            sentences.Add(scheduled > 0 ? $"{sentence}; {Count(scheduled, "discussion")} found a room and a time." : $"{sentence}.");
        }

        var regions = boards.Select(material => material.Board).Where(board => board.Kind == BoardKind.Glocal).Select(board => MarkdownText.Escape(board.Title)).ToList();
        if (regions.Count > 0)
        {
            sentences.Add($"{(regions.Count == 1 ? "One regional group" : $"{regions.Count} regional groups")} ({string.Join(", ", regions)}) gathered priorities, struggles, success stories and ideas to work on together.");
        }

        return string.Join(" ", sentences);
    }

    // Notes sit under their topic's heading (level 3): their own headings move three levels down (at most to 6),
    // outside fenced code, so "# Outcomes" in a note becomes "#### Outcomes" in the post.
    private static string NestHeadings(string notes)
    {
        var lines = notes.ReplaceLineEndings("\n").Split('\n');
        string? fence = null;
        for (var index = 0; index < lines.Length; index++)
        {
            var trimmed = lines[index].TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                fence = fence is null ? marker : fence == marker ? null : fence;
                continue;
            }

            var level = trimmed.TakeWhile(c => c == '#').Count();
            if (fence is null && level is >= 1 and <= 6 && (trimmed.Length == level || trimmed[level] == ' ') && lines[index].Length - trimmed.Length < 4)
            {
                lines[index] = new string('#', Math.Min(6, level + 3)) + trimmed[level..];
            }
        }

        return string.Join("\n", lines);
    }

    private static List<CardView> Ranked(IEnumerable<CardView> cards) =>
        [.. cards.OrderByDescending(card => card.Dots).ThenByDescending(card => card.Interested).ThenBy(card => card.CreatedAt).ThenBy(card => card.CardId, StringComparer.Ordinal)];

    private static string? WhereScheduled(BoardSnapshot board, CardView card, TimeZoneInfo zone)
    {
        if (card.Placement is not { } placement || board.Grid is not { } grid)
        {
            return null;
        }

        var slot = grid.Slots.FirstOrDefault(candidate => candidate.Id == placement.SlotId);
        var space = grid.Spaces.FirstOrDefault(candidate => candidate.Id == placement.SpaceId);
        var when = slot is null ? "" : $"{MarkdownText.Escape(slot.Label)} ({Time(slot.StartsAt, zone)}–{Time(slot.EndsAt, zone)})";
        var where = space is null ? "" : $"in {MarkdownText.Escape(space.Name)}";
        return $"{when} {where}".Trim() is { Length: > 0 } text ? text : null;
    }

    private static string WhenAndWhere(MeetingDetails details, TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (details.StartsAt is { } startsAt)
        {
            var start = TimeZoneInfo.ConvertTime(startsAt, zone);
            var when = start.ToString("dddd d MMMM yyyy, HH:mm", English);
            if (details.EndsAt is { } endsAt)
            {
                var end = TimeZoneInfo.ConvertTime(endsAt, zone);
                when += end.Date == start.Date ? $"–{end.ToString("HH:mm", English)}" : $" – {end.ToString("d MMMM yyyy, HH:mm", English)}";
            }

            parts.Add($"{when} ({MarkdownText.Escape(zone.Id)})");
        }

        var place = string.Join(", ", new[] { details.City, details.Country }.Where(part => !string.IsNullOrWhiteSpace(part)));
        if (place.Length > 0)
        {
            parts.Add(MarkdownText.Escape(place));
        }

        if (!string.IsNullOrWhiteSpace(details.OnlineLink))
        {
            parts.Add($"online at <{details.OnlineLink}>");
        }

        return string.Join(" · ", parts);
    }

    private static string Time(DateTimeOffset moment, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(moment, zone).ToString("HH:mm", English);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static TimeZoneInfo TimeZoneOf(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
