using Coopdir.Core.Relationships;

namespace Coopdir.Relationships;

/// <summary>POST /api/v1/organizations/{id}/published-relationships/read: read Coopdir's file, or the Murmurations profile at this address instead.</summary>
public sealed record ReadPublishedRequest(string? MurmurationsProfileUrl = null);

/// <summary>What a read of an organization's published relationships did, entry by entry, in the file's order.</summary>
public sealed record PublishedReadingDetail(
    long OrganizationId, string Source, string Format, DateTimeOffset ReadAt, int Recorded, int Unchanged, int NotRecorded,
    IReadOnlyList<PublishedEntryDetail> Entries)
{
    public static PublishedReadingDetail From(PublishedReading r) => new(
        r.OrganizationId, r.Source.ToString(), Word(r.Format), r.ReadAt,
        r.Entries.Count(e => e.Outcome == PublishedOutcome.Recorded), r.Entries.Count(e => e.Outcome == PublishedOutcome.Unchanged),
        r.Entries.Count(e => e.Outcome == PublishedOutcome.NotRecorded), r.Entries.Select(PublishedEntryDetail.From).ToList());

    public static string Word(PublishedFormat format) => format == PublishedFormat.Coopdir ? "coopdir" : "murmurations";
}

/// <summary>
/// One entry: where it is in the file, what it says (type, the publisher's side, stance, the other organization as
/// named and as found), and its outcome: recorded (on relationship_id, now status), unchanged, or not_recorded with
/// errors naming the entry's field, as problem details do.
/// </summary>
public sealed record PublishedEntryDetail(
    string Entry, string Outcome, string? Type, string? Side, string? Stance, string? Other, long? OtherId,
    long? RelationshipId, string? Status, IReadOnlyDictionary<string, string[]> Errors)
{
    public static PublishedEntryDetail From(PublishedEntryResult e) => new(
        e.Entry, Word(e.Outcome), e.Link?.Type, e.Link is null ? null : RelationshipText.Of(e.Link.Side),
        e.Link is null ? null : RelationshipText.Of(e.Link.Stance), e.Link?.Other, e.OtherId, e.RelationshipId,
        e.Status is { } s ? RelationshipText.Of(s) : null,
        e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()));

    public static string Word(PublishedOutcome outcome) => outcome switch
    {
        PublishedOutcome.Recorded => "recorded",
        PublishedOutcome.Unchanged => "unchanged",
        _ => "not_recorded",
    };
}
