using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Community.Grains.Abstractions;

// The public directory (docs/directory.md): an organiser lists a meeting, a moderator of its country or campaign
// approves it, and only then does it appear in the directory, the map, the feeds and the exports. Listing grains
// own the writes; per-country directory partitions hold what is approved, ready to search.

/// <summary>What kind of activity a listed meeting is.</summary>
public enum MeetingFormat
{
    OpenSpace = 0,
    Workshop = 1,
    Talk = 2,
    Hackathon = 3,
    Webinar = 4,
    CareerDay = 5,
    SchoolVisit = 6,
    Other = 7,
}

/// <summary>Where people take part: schema.org's eventAttendanceMode.</summary>
public enum AttendanceMode
{
    InPerson = 0,
    Online = 1,
    Hybrid = 2,
}

/// <summary>Where a listing stands with moderation. Only <see cref="Approved"/> listings are ever shown publicly.</summary>
public enum ListingReview
{
    /// <summary>The meeting is private (the default): not in any list, map, feed or export.</summary>
    Private = 0,
    /// <summary>The organiser asked for it to be listed; a moderator has not decided yet.</summary>
    Pending = 1,
    Approved = 2,
    /// <summary>Refused with a reason the organiser sees; the organiser may edit and submit again.</summary>
    Rejected = 3,
}

/// <summary>WGS 84 degrees.</summary>
[Immutable, GenerateSerializer]
public sealed record GeoPoint(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude);

/// <summary>
/// What a listing adds to the meeting's own details (title, dates, zone, venue, country, tags, languages and online
/// link stay on <see cref="MeetingDetails"/>, edited as before).
/// </summary>
[Immutable, GenerateSerializer]
public sealed record ListingDetails
{
    [Id(0)] public MeetingFormat Format { get; init; } = MeetingFormat.OpenSpace;
    [Id(1)] public AttendanceMode Attendance { get; init; } = AttendanceMode.InPerson;
    /// <summary>The audience's ages, inclusive; null ends are open ("18+" is 18..null).</summary>
    [Id(2)] public int? MinAge { get; init; }
    [Id(3)] public int? MaxAge { get; init; }
    /// <summary>The venue's position, picked on the map or typed; required for in-person and hybrid listings.</summary>
    [Id(4)] public GeoPoint? Location { get; init; }
    [Id(5)] public int? Capacity { get; init; }
    /// <summary>An absolute https URL of a picture for the listing, or a media path of this meeting.</summary>
    [Id(6)] public string? ImageUrl { get; init; }
    /// <summary>The campaign it takes part in (<see cref="ICampaignGrain"/>), joined before the campaign's deadline.</summary>
    [Id(7)] public string? CampaignSlug { get; init; }
    /// <summary>Null or 0: free (schema.org offers with price 0).</summary>
    [Id(8)] public decimal? Price { get; init; }
    [Id(9)] public string? OrganiserName { get; init; }
}

/// <summary>Participant figures reported after the event, as campaigns ask for them.</summary>
[Immutable, GenerateSerializer]
public sealed record ParticipantFigures
{
    [Id(0)] public int Participants { get; init; }
    /// <summary>Counts by age band ("under-12", "12-18", "19-25", "26-64", "65-plus"); each no more than the total.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, int> ByAgeBand { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
    /// <summary>Counts by gender ("female", "male", "other", "undisclosed").</summary>
    [Id(2)] public ImmutableSortedDictionary<string, int> ByGender { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
}

/// <summary>One entry of a listing's audit trail: a review decision or a change of its figures, who and when.</summary>
[Immutable, GenerateSerializer]
public sealed record ListingAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string ActorId,
    [property: Id(2)] string ActorName,
    /// <summary>"submitted", "approved", "rejected", "figures", "cancelled", "withdrawn".</summary>
    [property: Id(3)] string Action,
    [property: Id(4)] string? Reason)
{
    /// <summary>For "figures": what they were set to.</summary>
    [Id(5)] public ParticipantFigures? Figures { get; init; }
}

/// <summary>A meeting's listing as its organiser (and a moderator in scope) sees it.</summary>
[Immutable, GenerateSerializer]
public sealed record ListingView(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] ListingDetails Details,
    [property: Id(2)] ListingReview Review,
    /// <summary>The latest rejection's reason, while rejected.</summary>
    [property: Id(3)] string? RejectionReason,
    /// <summary>iCalendar SEQUENCE: raised by every change a calendar would show (details, times, cancellation).</summary>
    [property: Id(4)] int Sequence,
    [property: Id(5)] bool Cancelled,
    [property: Id(6)] ParticipantFigures? Figures,
    [property: Id(7)] IReadOnlyList<ListingAuditEntry> Audit);

/// <summary>Who moderates: appointed by the operator for some countries, or a campaign's owner for that campaign.</summary>
[Immutable, GenerateSerializer]
public sealed record Moderator(
    [property: Id(0)] string ModeratorId,
    [property: Id(1)] string Name,
    /// <summary>ISO 3166-1 alpha-2 codes this moderator decides for (empty for a campaign moderator).</summary>
    [property: Id(2)] IReadOnlyList<string> Countries,
    [property: Id(3)] string? CampaignSlug)
{
    public bool Covers(string? country, string? campaignSlug) =>
        (country is not null && Countries.Contains(country, StringComparer.Ordinal))
        || (CampaignSlug is not null && string.Equals(CampaignSlug, campaignSlug, StringComparison.Ordinal));
}

/// <summary>
/// The listing of one meeting, keyed by meeting id: its directory details, its review, its figures and their audit
/// trail. The one writer of what the directory shows of this meeting: it puts the approved listing into its
/// country's <see cref="IDirectoryPartitionGrain"/> and takes it out again when it is no longer approved.
/// </summary>
public interface IListingGrain : IGrainWithStringKey
{
    /// <summary>Never listed: Private with default details.</summary>
    [ReadOnly]
    Task<ListingView> Get();

    /// <summary>
    /// Organiser: sets the listing's details. An approved listing stays approved and its directory entry follows; a
    /// change of campaign is checked against the campaign's deadline.
    /// </summary>
    Task<ListingView> Update(Actor organiser, ListingDetails details);

    /// <summary>Organiser: asks for the meeting to be listed publicly (Pending); refused while details are missing.</summary>
    Task<ListingView> Submit(Actor organiser);

    /// <summary>Organiser: makes it private again; it leaves every list at once.</summary>
    Task<ListingView> Withdraw(Actor organiser);

    /// <summary>Organiser: the event will not take place. It stays listed as cancelled, so calendars show it cancelled.</summary>
    Task<ListingView> Cancel(Actor organiser);

    /// <summary>Moderator in scope (country or campaign), else Forbidden.</summary>
    Task<ListingView> Approve(Moderator moderator);

    /// <summary>Moderator in scope: refused with a reason (1-500 characters) the organiser sees.</summary>
    Task<ListingView> Reject(Moderator moderator, string reason);

    /// <summary>Organiser: reports (or corrects) the participant figures; every change is audited.</summary>
    Task<ListingView> ReportFigures(Actor organiser, ParticipantFigures figures);

    /// <summary>The meeting grain tells its listing after each change of the meeting's details or state.</summary>
    Task MeetingChanged(MeetingView meeting);
}

/// <summary>What the directory holds of one approved listing: everything a list, map, feed or export shows.</summary>
[Immutable, GenerateSerializer]
public sealed record DirectoryEntry
{
    [Id(0)] public string MeetingId { get; init; } = "";
    [Id(1)] public string Title { get; init; } = "";
    /// <summary>Plain text, the description's first few hundred characters.</summary>
    [Id(2)] public string Summary { get; init; } = "";
    [Id(3)] public DateTimeOffset StartsAt { get; init; }
    [Id(4)] public DateTimeOffset EndsAt { get; init; }
    [Id(5)] public string TimeZone { get; init; } = "UTC";
    [Id(6)] public string Country { get; init; } = "";
    [Id(7)] public string? City { get; init; }
    [Id(8)] public string? VenueName { get; init; }
    [Id(9)] public string? OnlineLink { get; init; }
    [Id(10)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(11)] public IReadOnlyList<string> Languages { get; init; } = [];
    [Id(12)] public ListingDetails Listing { get; init; } = new();
    [Id(13)] public bool Cancelled { get; init; }
    [Id(14)] public int Sequence { get; init; }
    [Id(15)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(16)] public ParticipantFigures? Figures { get; init; }
}

/// <summary>
/// A directory search: every filter is optional and they combine with AND. The web reads and writes it as the
/// query string of /meetings, /meetings.ics and the exports, so a shared link shows the same results.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record DirectoryQuery
{
    /// <summary>Words that must all occur (accent- and case-insensitive, at a word's start) in title, summary, city, venue or tags.</summary>
    [Id(0)] public string? Text { get; init; }
    [Id(1)] public string? Country { get; init; }
    /// <summary>Meetings that end on or after this instant.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }
    /// <summary>Meetings that start before this instant.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }
    [Id(4)] public string? Campaign { get; init; }
    [Id(5)] public MeetingFormat? Format { get; init; }
    /// <summary>Meetings whose audience ages include this age.</summary>
    [Id(6)] public int? Age { get; init; }
    [Id(7)] public string? Language { get; init; }
    /// <summary>Online takes online and hybrid; InPerson takes in person and hybrid.</summary>
    [Id(8)] public AttendanceMode? Attendance { get; init; }
    [Id(9)] public string? Tag { get; init; }
}

/// <summary>A map view: the south-west and north-east corners, in degrees.</summary>
[Immutable, GenerateSerializer]
public sealed record BoundingBox(
    [property: Id(0)] double South,
    [property: Id(1)] double West,
    [property: Id(2)] double North,
    [property: Id(3)] double East);

/// <summary>
/// A point on the map: a cluster of <see cref="Count"/> listings at their mean position, or, when Count is 1, the
/// listing itself (<see cref="MeetingId"/> and <see cref="Title"/> set). Clusters come from a grid fixed per zoom
/// level, so partitions' clusters of the same cell (<see cref="Cell"/>) add up.
/// </summary>
[Immutable, GenerateSerializer]
public sealed record MapPoint(
    [property: Id(0)] string Cell,
    [property: Id(1)] double Latitude,
    [property: Id(2)] double Longitude,
    [property: Id(3)] int Count,
    [property: Id(4)] string? MeetingId,
    [property: Id(5)] string? Title)
{
    /// <summary>For a single listing (Count 1): when it starts, and its IANA zone, for the popup.</summary>
    [Id(6)] public DateTimeOffset? StartsAt { get; init; }
    [Id(7)] public string? TimeZone { get; init; }
}

/// <summary>Totals of one year's reported figures (by the year an event started, in its own zone).</summary>
[Immutable, GenerateSerializer]
public sealed record YearFigures(
    [property: Id(0)] int Year,
    [property: Id(1)] int Activities,
    [property: Id(2)] int Participants);

/// <summary>
/// One country's approved listings, keyed by ISO 3166-1 alpha-2 code, held in memory and persisted as one blob so
/// the directory survives restarts; rebuildable from the listings. Listing grains are its only writers.
/// </summary>
public interface IDirectoryPartitionGrain : IGrainWithStringKey
{
    Task Upsert(DirectoryEntry entry);

    Task Remove(string meetingId);

    /// <summary>Every matching entry, soonest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DirectoryEntry>> Search(DirectoryQuery query);

    /// <summary>Matching entries inside the box, clustered for the zoom level (0-18).</summary>
    [ReadOnly]
    Task<IReadOnlyList<MapPoint>> Map(DirectoryQuery query, BoundingBox box, int zoom);

    /// <summary>Activities and reported participants of matching entries, per year.</summary>
    [ReadOnly]
    Task<IReadOnlyList<YearFigures>> Figures(DirectoryQuery query);

    /// <summary>Many entries in one write: a rebuild or a bulk import re-publishing listings (docs/directory.md).</summary>
    Task UpsertMany(IReadOnlyList<DirectoryEntry> entries);

    /// <summary>Forgets every entry: the first step of a rebuild from the listings.</summary>
    Task Clear();

    /// <summary>The count of matching entries, the first <paramref name="take"/> of them (soonest first) and counts per format.</summary>
    [ReadOnly]
    Task<DirectoryPartitionPage> Page(DirectoryQuery query, int take);
}

[Immutable, GenerateSerializer]
public sealed record DirectoryPartitionPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<DirectoryEntry> Entries,
    [property: Id(2)] IReadOnlyDictionary<MeetingFormat, int> ByFormat);

/// <summary>
/// The countries whose directory partition holds entries (one grain, key 0), so the directory asks only those. The
/// partitions keep it up to date; it may name a country that has become empty, never miss one that has entries.
/// </summary>
public interface IDirectoryCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>A partition says whether it holds entries.</summary>
    Task Set(string country, bool hasEntries);

    /// <summary>ISO codes, in order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> Countries();
}

/// <summary>
/// The whole directory, as the web asks it: fans a query out to the partitions (only the query's country, if it
/// names one) and merges their answers. Stateless, so every silo answers.
/// </summary>
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>One page of matching entries, soonest first, with the total and counts per country and format.</summary>
    [ReadOnly]
    Task<DirectoryPage> Search(DirectoryQuery query, int skip, int take);

    /// <summary>Every matching entry (feeds, exports), soonest first, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DirectoryEntry>> Entries(DirectoryQuery query, int limit);

    [ReadOnly]
    Task<IReadOnlyList<MapPoint>> Map(DirectoryQuery query, BoundingBox box, int zoom);

    [ReadOnly]
    Task<IReadOnlyList<YearFigures>> Figures(DirectoryQuery query);

    /// <summary>Matching entries counted per country (a campaign's chart).</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<string, int>> CountByCountry(DirectoryQuery query);
}

[Immutable, GenerateSerializer]
public sealed record DirectoryPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<DirectoryEntry> Entries,
    [property: Id(2)] IReadOnlyDictionary<string, int> ByCountry,
    [property: Id(3)] IReadOnlyDictionary<MeetingFormat, int> ByFormat);

/// <summary>What a campaign's owner says about it.</summary>
[Immutable, GenerateSerializer]
public sealed record CampaignDetails
{
    [Id(0)] public string Title { get; init; } = "";
    /// <summary>Markdown.</summary>
    [Id(1)] public string Description { get; init; } = "";
    [Id(2)] public DateOnly StartsOn { get; init; }
    [Id(3)] public DateOnly EndsOn { get; init; }
    /// <summary>The last instant a meeting may join the campaign.</summary>
    [Id(4)] public DateTimeOffset RegistrationDeadline { get; init; }
    /// <summary>ISO 3166-1 alpha-2 codes; empty: every country.</summary>
    [Id(5)] public IReadOnlyList<string> Countries { get; init; } = [];
}

[Immutable, GenerateSerializer]
public sealed record CampaignView(
    [property: Id(0)] string Slug,
    [property: Id(1)] CampaignDetails Details,
    [property: Id(2)] IReadOnlyList<string> OwnerIds,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>
/// A campaign, keyed by its slug (3-60 of a-z, 0-9 and '-'): its details, its owners and the rule that meetings join
/// it only before its registration deadline.
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Conflict if the slug is taken.</summary>
    Task<CampaignView> Create(string ownerId, CampaignDetails details);

    /// <summary>NotFound if never created.</summary>
    [ReadOnly]
    Task<CampaignView> Get();

    /// <summary>An owner only.</summary>
    Task<CampaignView> Update(string ownerId, CampaignDetails details);

    /// <summary>
    /// A listing asks to join: refused with <see cref="DomainError.DeadlinePassed"/> after the deadline, and with
    /// Invalid when the campaign is limited to countries that do not include <paramref name="country"/>.
    /// </summary>
    [ReadOnly]
    Task CheckEnrolment(string meetingId, string? country);
}

/// <summary>A listing waiting for a decision, as a moderation queue lists it.</summary>
[Immutable, GenerateSerializer]
public sealed record PendingListing(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Country,
    [property: Id(3)] string? CampaignSlug,
    [property: Id(4)] DateTimeOffset SubmittedAt);

/// <summary>
/// One moderation queue, keyed "country/{CC}" or "campaign/{slug}" (<see cref="ModerationQueues"/>): the listings
/// waiting there and the decisions taken there, kept as its audit trail.
/// </summary>
public interface IModerationQueueGrain : IGrainWithStringKey
{
    Task Enqueue(PendingListing listing);

    /// <summary>A decision was taken (here or in another queue of the same listing): it leaves the queue, the trail keeps it.</summary>
    Task Decided(string meetingId, ListingAuditEntry decision);

    /// <summary>Oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PendingListing>> Pending();

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ModerationDecision>> Decisions(int limit);
}

[Immutable, GenerateSerializer]
public sealed record ModerationDecision(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] ListingAuditEntry Decision);

public static class ModerationQueues
{
    public static string ForCountry(string country) => $"country/{country}";

    public static string ForCampaign(string slug) => $"campaign/{slug}";
}

/// <summary>The map's grid, which the web's validation and the partitions' clustering share (docs/directory.md).</summary>
public static class DirectoryMap
{
    public const int MaxZoom = 18;

    /// <summary>A cluster cell's side in Web Mercator pixels at its zoom (the world is 256·2^zoom pixels wide).</summary>
    public const int CellPixels = 64;
}
