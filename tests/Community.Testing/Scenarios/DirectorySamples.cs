using Community.Grains.Abstractions;

namespace Community.Testing.Scenarios;

/// <summary>
/// Made-up directory entries spread over 40 countries (around a city of each, up to ±2° away), all formats,
/// audiences and attendance modes, over a year from a given day, as the screenshots and the benchmark seed them.
/// The same seed gives the same entries.
/// </summary>
public static class DirectorySamples
{
    public sealed record Place(string Country, string City, double Latitude, double Longitude, string TimeZone);

    public static readonly IReadOnlyList<Place> Places =
    [
        new("BG", "Sofia", 42.70, 23.32, "Europe/Sofia"), new("RO", "Bucharest", 44.43, 26.10, "Europe/Bucharest"),
        new("GR", "Athens", 37.98, 23.73, "Europe/Athens"), new("RS", "Belgrade", 44.79, 20.45, "Europe/Belgrade"),
        new("MK", "Skopje", 41.99, 21.43, "Europe/Skopje"), new("AL", "Tirana", 41.33, 19.82, "Europe/Tirane"),
        new("HR", "Zagreb", 45.81, 15.98, "Europe/Zagreb"), new("SI", "Ljubljana", 46.06, 14.51, "Europe/Ljubljana"),
        new("HU", "Budapest", 47.50, 19.04, "Europe/Budapest"), new("AT", "Vienna", 48.21, 16.37, "Europe/Vienna"),
        new("SK", "Bratislava", 48.15, 17.11, "Europe/Bratislava"), new("CZ", "Prague", 50.08, 14.44, "Europe/Prague"),
        new("PL", "Warsaw", 52.23, 21.01, "Europe/Warsaw"), new("DE", "Berlin", 52.52, 13.40, "Europe/Berlin"),
        new("NL", "Amsterdam", 52.37, 4.90, "Europe/Amsterdam"), new("BE", "Brussels", 50.85, 4.35, "Europe/Brussels"),
        new("LU", "Luxembourg", 49.61, 6.13, "Europe/Luxembourg"), new("FR", "Lyon", 45.76, 4.84, "Europe/Paris"),
        new("ES", "Madrid", 40.42, -3.70, "Europe/Madrid"), new("PT", "Lisbon", 38.72, -9.14, "Europe/Lisbon"),
        new("IT", "Rome", 41.90, 12.50, "Europe/Rome"), new("MT", "Valletta", 35.90, 14.51, "Europe/Malta"),
        new("CY", "Nicosia", 35.17, 33.36, "Asia/Nicosia"), new("IE", "Dublin", 53.35, -6.26, "Europe/Dublin"),
        new("DK", "Copenhagen", 55.68, 12.57, "Europe/Copenhagen"), new("SE", "Stockholm", 59.33, 18.07, "Europe/Stockholm"),
        new("FI", "Helsinki", 60.17, 24.94, "Europe/Helsinki"), new("EE", "Tallinn", 59.44, 24.75, "Europe/Tallinn"),
        new("LV", "Riga", 56.95, 24.11, "Europe/Riga"), new("LT", "Vilnius", 54.69, 25.28, "Europe/Vilnius"),
        new("NO", "Oslo", 59.91, 10.75, "Europe/Oslo"), new("IS", "Reykjavik", 64.15, -21.94, "Atlantic/Reykjavik"),
        new("UA", "Kyiv", 50.45, 30.52, "Europe/Kyiv"), new("MD", "Chisinau", 47.01, 28.86, "Europe/Chisinau"),
        new("TR", "Istanbul", 41.01, 28.98, "Europe/Istanbul"), new("GE", "Tbilisi", 41.72, 44.79, "Asia/Tbilisi"),
        new("TN", "Tunis", 36.81, 10.18, "Africa/Tunis"), new("BA", "Sarajevo", 43.86, 18.41, "Europe/Sarajevo"),
        new("ME", "Podgorica", 42.44, 19.26, "Europe/Podgorica"), new("FJ", "Suva", -18.14, 178.44, "Pacific/Fiji"),
    ];

    private static readonly string[] Topics =
    [
        "Coding with robots", "Unplugged algorithms", "AI in the classroom", "Girls in STEM", "Game design for teens",
        "Open data for schools", "Climate data hackathon", "Career talk: software", "Scratch for beginners", "Teachers' open space",
        "Cybersecurity basics", "Maker day", "Python for biologists", "Accessible web", "Space science night",
    ];

    private static readonly string[] Campaigns = ["codeweek-2026", "experts-back-to-school", "stem-careers", "meet-and-code"];

    private static readonly string[] Tags = ["stem", "robots", "ai", "girls", "teachers", "expertsgobacktoschool2026"];

    private static readonly string[] Languages = ["en", "bg", "de", "fr", "es", "it", "pl", "ro"];

    /// <summary><paramref name="count"/> entries spread over the first <paramref name="countries"/> places, starting from <paramref name="from"/>.</summary>
    public static IReadOnlyList<DirectoryEntry> Create(int count, int countries, DateTimeOffset from, int seed = 2026, string idPrefix = "sample")
    {
        var random = new Random(seed);
        var entries = new List<DirectoryEntry>(count);
        for (var index = 0; index < count; index++)
        {
            var place = Places[index % Math.Min(countries, Places.Count)];
            var format = (MeetingFormat)random.Next(8);
            var attendance = (AttendanceMode)random.Next(3);
            var startsAt = from.AddDays(random.Next(365)).AddHours(random.Next(8, 19) - 12 + random.Next(0, 2) * 0.5);
            var topic = Topics[random.Next(Topics.Length)];
            var minAge = random.Next(4) switch { 0 => (int?)null, 1 => 6, 2 => 12, _ => 18 };
            entries.Add(new DirectoryEntry
            {
                MeetingId = $"{idPrefix}{index:D6}",
                Title = $"{topic} in {place.City}",
                Summary = $"A {format} about {topic.ToLowerInvariant()} for people in and around {place.City}.",
                StartsAt = startsAt,
                EndsAt = startsAt.AddHours(1 + random.Next(4)),
                TimeZone = place.TimeZone,
                Country = place.Country,
                City = attendance == AttendanceMode.Online ? null : place.City,
                VenueName = attendance == AttendanceMode.Online ? null : $"School no. {random.Next(1, 200)}",
                OnlineLink = attendance == AttendanceMode.InPerson ? null : $"https://meet.example.org/{idPrefix}{index}",
                Tags = [Tags[random.Next(Tags.Length)], Tags[random.Next(Tags.Length)]],
                Languages = [Languages[random.Next(Languages.Length)]],
                Listing = new ListingDetails
                {
                    Format = format,
                    Attendance = attendance,
                    MinAge = minAge,
                    MaxAge = minAge is 6 ? 12 : minAge is 12 ? 18 : null,
                    Location = attendance == AttendanceMode.Online
                        ? null
                        : new GeoPoint(place.Latitude + (random.NextDouble() - 0.5) * 4, place.Longitude + (random.NextDouble() - 0.5) * 4),
                    CampaignSlug = random.Next(3) == 0 ? null : Campaigns[random.Next(Campaigns.Length)],
                    OrganiserName = "Sample organiser",
                },
                Cancelled = random.Next(40) == 0,
                UpdatedAt = from,
                Figures = random.Next(3) == 0 ? new ParticipantFigures { Participants = random.Next(5, 120) } : null,
            });
        }

        return entries;
    }

    /// <summary>Stores the entries through their countries' partitions, a few hundred per call.</summary>
    public static async Task SeedAsync(IGrainFactory grains, IEnumerable<DirectoryEntry> entries)
    {
        await Task.WhenAll(entries.GroupBy(entry => entry.Country).Select(async country =>
        {
            foreach (var chunk in country.Chunk(500))
            {
                await grains.GetGrain<IDirectoryPartitionGrain>(country.Key).UpsertMany(chunk);
            }
        }));
    }
}
