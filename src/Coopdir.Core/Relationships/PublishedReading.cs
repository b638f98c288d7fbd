using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>
/// One entry of a published file as the reader takes it: where it is (<c>relationships[2]</c>), which of its
/// fields names the other organization, and the link it states, or why it states none Coopdir can record.
/// </summary>
public sealed record PublishedEntry(string Entry, string OtherField, PublishedRelationship? Link, FieldError? Problem)
{
    public static IReadOnlyList<PublishedEntry> Of(IReadOnlyList<PublishedRelationship> links) =>
        links.Select((link, i) => new PublishedEntry($"relationships[{i}]", link.Side == Party.Subject ? "object" : "subject", link, null)).ToList();
}

/// <summary>An entry whose other organization was found: ready for <see cref="RelationshipEdits.RecordPublishedAsync"/>.</summary>
public sealed record ResolvedEntry(PublishedEntry Entry, PublishedRelationship Link, long OtherId);

public enum PublishedOutcome { Recorded, Unchanged, NotRecorded }

/// <summary>What became of one entry: recorded (the relationship it went to and its status now), unchanged, or not recorded and why.</summary>
public sealed record PublishedEntryResult(
    string Entry, PublishedOutcome Outcome, PublishedRelationship? Link, long? OtherId, long? RelationshipId,
    RelationshipStatusCode? Status, IReadOnlyList<FieldError> Errors)
{
    public static PublishedEntryResult Refused(PublishedEntry entry, FieldError error, long? otherId = null) =>
        new(entry.Entry, PublishedOutcome.NotRecorded, entry.Link, otherId, null, null, [error]);
}

public enum PublishedFormat { Coopdir, Murmurations }

/// <summary>A read of an organization's published relationships: the file read, and each entry's outcome in the file's order.</summary>
public sealed record PublishedReading(long OrganizationId, Uri Source, PublishedFormat Format, DateTimeOffset ReadAt, IReadOnlyList<PublishedEntryResult> Entries);
