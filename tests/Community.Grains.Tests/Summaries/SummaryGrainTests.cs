using Community.Content;
using Community.Grains.Abstractions;
using Community.Testing.Html;
using Community.Testing.Scenarios;

namespace Community.Grains.Tests.Summaries;

public sealed class SummaryGrainTests(SummaryClusterFixture fixture) : IClassFixture<SummaryClusterFixture>
{
    private readonly SofiaMeeting _sofia = fixture.Sofia;

    private ISummaryGrain Summary(string? meetingId = null) => fixture.Grains.GetGrain<ISummaryGrain>(meetingId ?? _sofia.MeetingId);

    [Fact]
    public async Task Draft_lists_every_topic_by_dots_then_interest_with_convener_dots_interest_and_notes()
    {
        var draft = await Summary().GenerateDraft(_sofia.Organiser);
        var html = MarkdownRenderer.ToHtml(draft.Markdown);

        var topicHeadings = ExecutableMarkup.Select(html, "h3").Select(h => h.TextContent).Take(_sofia.TopicsByRank.Count);
        Assert.Equal(_sofia.TopicsByRank.Select((topic, index) => $"{index + 1}. {topic.Title}"), topicHeadings);
        var text = string.Join("\n", ExecutableMarkup.Select(html, "p, li").Select(element => element.TextContent));
        foreach (var topic in _sofia.TopicsByRank)
        {
            var facts = new List<string> { $"Convened by {topic.Convener}" };
            facts.AddRange(topic.Dots > 0 ? [$"{topic.Dots} dot{(topic.Dots == 1 ? "" : "s")}"] : []);
            facts.AddRange(topic.Interested > 0 ? [$"{topic.Interested} interested"] : []);
            Assert.Contains(string.Join(" · ", facts), text);
        }

        // Notes stay Markdown in the draft, in their topic's section, in rank order.
        var notePositions = _sofia.TopicsByRank.Where(topic => topic.Notes.Length > 0)
            .Select(topic => draft.Markdown.IndexOf(topic.Notes, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, notePositions);
        Assert.Equal(notePositions.Order(), notePositions);
    }

    [Fact]
    public async Task Draft_starts_with_the_meeting_and_shows_where_and_when_topics_took_place_in_its_time_zone()
    {
        var draft = await Summary().GenerateDraft(_sofia.Organiser);
        var html = MarkdownRenderer.ToHtml(draft.Markdown);

        Assert.Equal(SofiaMeeting.Title, ExecutableMarkup.Select(html, "h1").Single().TextContent);
        Assert.StartsWith("# EU Code Week Community Meeting, Sofia", draft.Markdown);
        Assert.Contains("3 April 2025, 09:00–17:00 (Europe/Sofia) · Sofia, BG", html);
        Assert.Contains("Morning round (10:00–10:45) in Vitosha room", html);
        Assert.Contains("Afternoon round (14:00–14:45) in Vitosha room", html);
        Assert.Equal(SofiaMeeting.OpenSpaceTitle, ExecutableMarkup.Select(html, "h2").First().TextContent);
    }

    [Fact]
    public async Task Draft_reads_like_a_post_with_the_day_and_place_a_lead_and_no_zero_counts()
    {
        var draft = await Summary().GenerateDraft(_sofia.Organiser);
        var paragraphs = ExecutableMarkup.Select(MarkdownRenderer.ToHtml(draft.Markdown), "p").Select(p => p.TextContent).ToList();

        Assert.Equal("Thursday 3 April 2025, 09:00–17:00 (Europe/Sofia) · Sofia, BG", paragraphs[0]);
        Assert.Equal(
            $"People proposed 5 topics and gave 19 dots in “{SofiaMeeting.OpenSpaceTitle}”; 3 discussions found a room and a time. "
            + $"2 regional groups ({SofiaMeeting.BalkansTitle}, {SofiaMeeting.NordicsTitle}) gathered priorities, struggles, success stories and ideas to work on together.",
            paragraphs[1]);
        Assert.DoesNotContain("0 interested", draft.Markdown);
        Assert.DoesNotContain("0 dots", draft.Markdown);
        Assert.Contains("*Convened by Nikolai\\_Petrov*", draft.Markdown);
    }

    [Fact]
    public async Task Headings_in_notes_sit_under_their_topic_and_code_stays_as_written()
    {
        var sofia = await SofiaMeeting.CreateAndSeedAsync(fixture.Grains);
        var topic = sofia.TopicsByRank[0];
        await fixture.Grains.GetGrain<ICardDiscussionGrain>(Keys.Card(sofia.MeetingId, sofia.OpenSpaceBoardId, topic.CardId))
            .SetNotes(sofia.Organiser, "# Outcomes\nPupils loved it.\n\n## Next steps\n\n```\n# a comment in code\n```\n###### Deepest");

        var draft = await Summary(sofia.MeetingId).GenerateDraft(sofia.Organiser);
        var headings = ExecutableMarkup.Select(MarkdownRenderer.ToHtml(draft.Markdown), "h1, h2, h3, h4, h5, h6")
            .Select(heading => $"{heading.TagName.ToLowerInvariant()} {heading.TextContent}").ToList();

        var under = headings.IndexOf($"h3 1. {topic.Title}");
        Assert.Equal(["h4 Outcomes", "h5 Next steps", "h6 Deepest"], headings[(under + 1)..(under + 4)]);
        Assert.Contains("```\n# a comment in code\n```", draft.Markdown);
        Assert.Single(headings, heading => heading.StartsWith("h1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Draft_shows_each_region_by_lane_with_its_cross_border_links()
    {
        var draft = await Summary().GenerateDraft(_sofia.Organiser);
        var html = MarkdownRenderer.ToHtml(draft.Markdown);

        var sections = ExecutableMarkup.Select(html, "h2, h3").Select(h => h.TextContent).ToList();
        var balkans = sections.IndexOf(SofiaMeeting.BalkansTitle);
        var nordics = sections.IndexOf(SofiaMeeting.NordicsTitle);
        Assert.True(balkans > 0 && nordics > balkans, string.Join(" | ", sections));
        string[] lanes = ["Priorities", "Struggles", "Success stories", "Collaboration ideas"];
        Assert.Equal(lanes, sections[(balkans + 1)..(balkans + 5)]);
        Assert.Equal(lanes, sections[(nordics + 1)..(nordics + 5)]);

        var items = ExecutableMarkup.Select(html, "li").Select(li => li.TextContent).ToList();
        Assert.Contains(items, item => item.StartsWith(SofiaMeeting.BalkansCollaboration) && item.EndsWith("cross-border with Nordics & Baltics"));
        Assert.Contains(items, item => item.StartsWith(SofiaMeeting.NordicsCollaboration) && item.EndsWith("cross-border with Balkans"));
        Assert.Contains("*Countries: BG, RO, GR, HR, RS*", draft.Markdown);
    }

    [Fact]
    public async Task Draft_escapes_titles_and_names_but_shows_photos_from_our_media()
    {
        var draft = await Summary().GenerateDraft(_sofia.Organiser);
        var html = MarkdownRenderer.ToHtml(draft.Markdown);

        Assert.Contains("5. Teacher training *that sticks*", ExecutableMarkup.Select(html, "h3").Select(h => h.TextContent));
        Assert.Contains("Convened by Nikolai_Petrov", html);
        var photo = Assert.Single(ExecutableMarkup.Select(html, "img"));
        Assert.Equal(MediaPath.For(_sofia.PhotoMediaName), photo.GetAttribute("src"));
        Assert.Equal("Flip chart: Supporting girls in tech", photo.GetAttribute("alt"));
    }

    [Fact]
    public async Task Publishing_stores_markdown_and_html_as_a_new_version_and_keeps_the_earlier_ones()
    {
        var summary = Summary();
        await summary.GenerateDraft(_sofia.Organiser);
        var countBefore = (await summary.ListVersions()).Count;

        var first = await summary.Publish(_sofia.Organiser);
        var edited = (await summary.GetDraft(_sofia.Organiser)).Markdown.Replace("what worked", "what really worked");
        await summary.SaveDraft(_sofia.Organiser, edited);
        var second = await summary.Publish(_sofia.Organiser);

        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(countBefore + 2, (await summary.ListVersions()).Count);
        Assert.Equal(SofiaMeeting.Title, second.Title);
        Assert.StartsWith($"Thursday 3 April 2025, 09:00–17:00 (Europe/Sofia) · Sofia, BG · People proposed 5 topics", second.Description);
        var latest = await summary.GetPublished(null);
        var earlier = await summary.GetPublished(first.Version);
        Assert.Equal(edited, latest!.Markdown);
        Assert.Contains("what really worked", latest.Html);
        Assert.DoesNotContain("what really worked", earlier!.Markdown);
        Assert.Null(await summary.GetPublished(second.Version + 1));

        var blobs = fixture.SummariesContainer;
        Assert.Equal(edited, (await blobs.GetBlobClient($"{_sofia.MeetingId}/v{second.Version}.md").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(latest.Html, (await blobs.GetBlobClient($"{_sofia.MeetingId}/latest.html").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(earlier.Html, (await blobs.GetBlobClient($"{_sofia.MeetingId}/v{first.Version}.html").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("text/markdown; charset=utf-8", (await blobs.GetBlobClient($"{_sofia.MeetingId}/v{second.Version}.md").GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task An_oversized_draft_is_refused_naming_the_field_and_the_draft_stays_as_it_was()
    {
        var summary = Summary($"big{Guid.NewGuid():N}");
        await summary.SaveDraft(_sofia.Organiser, "# Kept");

        var refused = await Assert.ThrowsAsync<DomainException>(() => summary.SaveDraft(_sofia.Organiser, new string('x', SummaryDraft.MaxMarkdownLength + 1)));

        Assert.Equal(DomainError.Invalid, refused.Error);
        Assert.Equal("markdown", refused.Field);
        Assert.Equal("# Kept", (await summary.GetDraft(_sofia.Organiser)).Markdown);
    }

    [Fact]
    public async Task A_note_stored_before_the_markdown_limits_is_published_as_plain_text_and_cannot_block_publishing()
    {
        var meeting = await SofiaMeeting.CreateAndSeedAsync(fixture.Grains);
        var topic = meeting.TopicsByRank[0];
        // Absorb (a merge) stores notes as they are, as SetNotes did before the limits existed.
        var hostile = new string('>', 19_000);
        await fixture.Grains.GetGrain<ICardDiscussionGrain>(Keys.Card(meeting.MeetingId, meeting.OpenSpaceBoardId, topic.CardId))
            .Absorb("Old notes", new CardDiscussion { Notes = hostile });
        var summary = Summary(meeting.MeetingId);

        var draft = await summary.GenerateDraft(meeting.Organiser);
        var published = await summary.Publish(meeting.Organiser);

        Assert.Contains("could not be formatted", draft.Markdown);
        var html = (await summary.GetPublished(published.Version))!.Html;
        Assert.Contains(string.Concat(Enumerable.Repeat("&gt;", 1_000)), html);
        Assert.Empty(ExecutableMarkup.Select(html, "blockquote"));
        Assert.Contains(topic.Title, html);
    }

    [Fact]
    public async Task A_draft_beyond_the_markdown_limits_is_refused_naming_the_field()
    {
        var summary = Summary($"limits{Guid.NewGuid():N}");
        await summary.SaveDraft(_sofia.Organiser, "# Kept");

        foreach (var hostile in new[] { string.Concat(Enumerable.Repeat("[x](", 40_000)), new string('>', 19_000) })
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => summary.SaveDraft(_sofia.Organiser, hostile));
            Assert.Equal((DomainError.Invalid, "markdown"), (refused.Error, refused.Field));
        }

        Assert.Equal("# Kept", (await summary.GetDraft(_sofia.Organiser)).Markdown);
    }

    [Fact]
    public async Task Participants_and_facilitators_cannot_touch_the_summary()
    {
        var summary = Summary($"roles{Guid.NewGuid():N}");
        await summary.SaveDraft(_sofia.Organiser, "# Kept");

        foreach (var role in new[] { Role.Participant, Role.Facilitator })
        {
            var actor = new Actor("someone", "Someone", role);
            Assert.Equal(DomainError.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => summary.SaveDraft(actor, "# Mine"))).Error);
            Assert.Equal(DomainError.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => summary.Publish(actor))).Error);
            Assert.Equal(DomainError.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => summary.GenerateDraft(actor))).Error);
            Assert.Equal(DomainError.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => summary.GetDraft(actor))).Error);
        }

        Assert.Equal("# Kept", (await summary.GetDraft(_sofia.Organiser)).Markdown);
        Assert.Empty(await summary.ListVersions());
    }

    [Fact]
    public async Task An_empty_draft_cannot_be_published()
    {
        var summary = Summary($"empty{Guid.NewGuid():N}");
        await summary.SaveDraft(_sofia.Organiser, "  \n");

        var refused = await Assert.ThrowsAsync<DomainException>(() => summary.Publish(_sofia.Organiser));

        Assert.Equal("markdown", refused.Field);
        Assert.Empty(await summary.ListVersions());
        Assert.Null(await summary.GetPublished(null));
    }
}
