using Community.Grains.Abstractions;

namespace Community.Testing.Scenarios;

/// <summary>One open-space topic as seeded, with what the summary should say about it.</summary>
public sealed record SeededTopic(string CardId, string Title, string Convener, int Dots, int Interested, string Notes);

/// <summary>
/// An EU Code Week community meeting in Sofia, seeded through the grain interfaces as people would have used it:
/// an open-space board with five topics voted differently, with notes, a photo and a grid; and two glocal boards,
/// Balkans and Nordics &amp; Baltics, with a card in every lane and a cross-border link between them.
/// </summary>
public sealed record SofiaMeeting(
    string MeetingId,
    Actor Organiser,
    string OpenSpaceBoardId,
    string BalkansBoardId,
    string NordicsBoardId,
    IReadOnlyList<SeededTopic> TopicsByRank,
    string PhotoMediaName)
{
    public const string Title = "EU Code Week Community Meeting, Sofia";
    public const string OpenSpaceTitle = "Open space: what matters to you?";
    public const string BalkansTitle = "Balkans";
    public const string NordicsTitle = "Nordics & Baltics";
    public const string BalkansCollaboration = "Joint Balkan–Nordic mentoring for new ambassadors";
    public const string NordicsCollaboration = "Exchange lesson plans with the Balkans";

    private static readonly TimeSpan Sofia = TimeSpan.FromHours(3); // EEST on 3 April 2025

    /// <summary>Creates the meeting through its grain, then seeds it.</summary>
    public static async Task<SofiaMeeting> CreateAndSeedAsync(IGrainFactory grains, string? photoMediaName = null)
    {
        var meetingId = $"sofia{Guid.NewGuid():N}"[..16];
        var created = await grains.GetGrain<IMeetingGrain>(meetingId).Create(new MeetingDetails { Title = Title, TimeZone = "Europe/Sofia" });
        return await SeedAsync(grains, meetingId, new Actor(created.OrganiserId, "Organiser", Role.Organiser), photoMediaName);
    }

    /// <summary>Fills an existing meeting (created through the API, say) with the Sofia details, boards, cards and votes.</summary>
    public static async Task<SofiaMeeting> SeedAsync(IGrainFactory grains, string meetingId, Actor organiser, string? photoMediaName = null)
    {
        var meetingGrain = grains.GetGrain<IMeetingGrain>(meetingId);
        await meetingGrain.Update(organiser, new MeetingPatch
        {
            Title = Title,
            Description = "Ambassadors, teachers and leading teachers from across Europe met to share what worked in **Code Week 2024** and to plan the next one.",
            StartsAt = At(9, 0),
            EndsAt = At(17, 0),
            TimeZone = "Europe/Sofia",
            City = "Sofia",
            Country = "BG",
            Tags = ["codeweek", "expertsgobacktoschool2024"],
            Languages = ["en", "bg"],
        });

        var openSpace = await meetingGrain.AddBoard(organiser, new BoardDefinition
        {
            Kind = BoardKind.OpenSpace,
            Title = OpenSpaceTitle,
            Slots =
            [
                new Slot("morning", At(10, 0), At(10, 45), "Morning round"),
                new Slot("afternoon", At(14, 0), At(14, 45), "Afternoon round"),
            ],
            Spaces = [new Space("vitosha", "Vitosha room", 30, null), new Space("rila", "Rila room", 20, null)],
            DotsPerParticipant = 3,
            MaxDotsPerCard = 2,
        });
        var board = grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, openSpace.BoardId));

        // Proposed in this order; the summary must rank them by dots, then interest.
        var proposals = new (string Title, string Convener, string Notes)[]
        {
            ("Teacher training *that sticks*", "Nikolai_Petrov", ""),
            ("Code Week in rural schools", "Georgi Dimitrov", "Village schools need **offline** activities and a contact person in the municipality."),
            ("AI in the classroom", "Maria Ivanova", "- Start with what AI *cannot* do\n- Pupils compare chatbot answers with the textbook\n- Guidelines: [EU guidelines](https://education.ec.europa.eu)"),
            ("Unplugged activities for the youngest", "Ana Popescu", "Cards, floor grids and a robot made of a pupil."),
            ("Supporting girls in tech", "Elena Georgieva", "Role models from local companies visit classes; clubs meet after school."),
        };
        var cards = new Dictionary<string, CardView>();
        foreach (var (title, convener, notes) in proposals)
        {
            var author = new Actor($"p-{convener.Split(' ')[0].ToLowerInvariant()}", convener, Role.Participant);
            var card = await board.Propose(author, new CardDraft(null, title, null));
            cards[title] = card;
            if (notes.Length > 0)
            {
                await grains.GetGrain<ICardDiscussionGrain>(Keys.Card(meetingId, openSpace.BoardId, card.CardId)).SetNotes(author, notes);
            }
        }

        // Seven voters with 3 dots each, at most 2 per card.
        var votes = new (string Voter, string Title, int Dots)[]
        {
            ("v1", "AI in the classroom", 2), ("v2", "AI in the classroom", 2), ("v3", "AI in the classroom", 2), ("v4", "AI in the classroom", 1),
            ("v4", "Supporting girls in tech", 2), ("v5", "Supporting girls in tech", 2), ("v6", "Supporting girls in tech", 1),
            ("v1", "Code Week in rural schools", 1), ("v2", "Code Week in rural schools", 1), ("v3", "Code Week in rural schools", 1),
            ("v5", "Code Week in rural schools", 1), ("v6", "Code Week in rural schools", 1),
            ("v7", "Unplugged activities for the youngest", 2),
        };
        foreach (var (voter, title, dots) in votes)
        {
            await board.SetDots(Voter(voter), cards[title].CardId, dots);
        }

        var interest = new (string Title, int People)[]
        {
            ("AI in the classroom", 5), ("Supporting girls in tech", 4), ("Code Week in rural schools", 2), ("Unplugged activities for the youngest", 1),
        };
        foreach (var (title, people) in interest)
        {
            for (var person = 1; person <= people; person++)
            {
                await board.SetInterest(Voter($"v{person}"), cards[title].CardId, true);
            }
        }

        await board.Schedule(organiser, cards["AI in the classroom"].CardId, new Placement("morning", "vitosha"));
        await board.Schedule(organiser, cards["Supporting girls in tech"].CardId, new Placement("morning", "rila"));
        await board.Schedule(organiser, cards["Unplugged activities for the youngest"].CardId, new Placement("afternoon", "vitosha"));

        var mediaName = photoMediaName ?? "0f3c9a2b7d4e4c1f8a6b5e3d2c1b0a99.jpg";
        await grains.GetGrain<ICardDiscussionGrain>(Keys.Card(meetingId, openSpace.BoardId, cards["Supporting girls in tech"].CardId))
            .AddPhoto(Voter("v4"), new PhotoRef(mediaName, "image/jpeg", "v4", DateTimeOffset.UtcNow));

        var balkans = await meetingGrain.AddBoard(organiser, Glocal(BalkansTitle, "BG", "RO", "GR", "HR", "RS"));
        var nordics = await meetingGrain.AddBoard(organiser, Glocal(NordicsTitle, "SE", "FI", "NO", "DK", "EE", "LV", "LT"));
        await SeedRegion(grains, meetingId, organiser, balkans.BoardId, nordics.BoardId,
            ("priorities", "Reach every school in the region", "Ioana Marin"),
            ("struggles", "Too few trained volunteers outside the capitals", "Dimitris Papadopoulos"),
            ("successStories", "Sofia hackathon with 300 pupils", "Maria Ivanova"),
            ("collaborationIdeas", BalkansCollaboration, "Ivana Horvat"));
        await SeedRegion(grains, meetingId, organiser, nordics.BoardId, balkans.BoardId,
            ("priorities", "Computational thinking in the curriculum", "Liisa Tamm"),
            ("struggles", "Long distances to rural schools", "Erik Lindqvist"),
            ("successStories", "ProgeTiger in Estonian schools", "Kadri Kask"),
            ("collaborationIdeas", NordicsCollaboration, "Jonas Petrauskas"));

        SeededTopic Topic(string title, int dots, int interested) =>
            new(cards[title].CardId, title, proposals.Single(p => p.Title == title).Convener, dots, interested, proposals.Single(p => p.Title == title).Notes);

        return new SofiaMeeting(meetingId, organiser, openSpace.BoardId, balkans.BoardId, nordics.BoardId,
            [
                Topic("AI in the classroom", 7, 5),
                Topic("Supporting girls in tech", 5, 4),
                Topic("Code Week in rural schools", 5, 2),
                Topic("Unplugged activities for the youngest", 2, 1),
                Topic("Teacher training *that sticks*", 0, 0),
            ],
            mediaName);
    }

    private static Actor Voter(string id) => new(id, $"Voter {id}", Role.Participant);

    private static DateTimeOffset At(int hour, int minute) => new(2025, 4, 3, hour, minute, 0, Sofia);

    private static BoardDefinition Glocal(string name, params string[] countries) => new()
    {
        Kind = BoardKind.Glocal,
        Title = name,
        Region = new Region(name, countries),
    };

    // One card per lane; the collaboration idea (the last) links across the border and gets a dot.
    private static async Task SeedRegion(IGrainFactory grains, string meetingId, Actor organiser, string boardId, string otherBoardId, params (string Lane, string Title, string Author)[] cards)
    {
        var board = grains.GetGrain<IBoardGrain>(Keys.Board(meetingId, boardId));
        CardView? last = null;
        foreach (var (lane, title, author) in cards)
        {
            last = await board.Propose(new Actor($"p-{author.Split(' ')[0].ToLowerInvariant()}", author, Role.Participant), new CardDraft(lane, title, null));
        }

        await board.Edit(organiser, last!.CardId, new CardEdit { LinkedBoards = [otherBoardId] });
        await board.SetDots(Voter("v1"), last.CardId, 1);
    }
}
