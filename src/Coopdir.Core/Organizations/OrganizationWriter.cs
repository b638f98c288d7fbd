using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Organizations;

/// <summary>Who made a change and why; recorded on the revision.</summary>
/// <param name="At">When the change happened, if not now: a mirror replays a source's changes at their own times.</param>
/// <param name="UserId">The account that made the change, for changes made by an account.</param>
public sealed record ChangeNote(string Author, string Summary, DateTimeOffset? At = null, long? UserId = null);

public enum WriteOutcome { Created, Updated, Unchanged, Deleted, Merged, NotFound, Conflict }

/// <summary>What a write did. On a conflict, <see cref="Revision"/> is the record's current revision.</summary>
public sealed record WriteResult(WriteOutcome Outcome, long Id, int Revision);

/// <summary>
/// The one path by which organizations change. Every create, update, delete and merge, an import's
/// included, goes through here and records a revision with author, time, summary, before and after,
/// and keeps the search indexes in step, all inside the caller's <see cref="WriteSession"/>.
/// </summary>
public sealed partial class OrganizationWriter(TimeProvider clock)
{
    private const string InsertReturningId = $"""
        INSERT INTO organizations (slug, {RowColumns}, created_at, updated_at, revision)
        VALUES (@slug, {RowParameters}, @now, @now, 1)
        ON CONFLICT (slug) DO NOTHING
        """;

    /// <param name="id">The id to give the new organization; by default the next unused one. A mirror keeps its source's ids.</param>
    public async Task<WriteResult> CreateAsync(WriteSession session, OrganizationContent content, ChangeNote note, long? id = null)
    {
        content = OrganizationValidator.Normalized(content);
        EnsureValid(content);
        await session.Store.LockRelatedAsync(session, RelatedIds(content));
        var now = Now(note);
        // A writer alongside (PostgreSQL runs them side by side) may take the same slug first: then the
        // insert writes nothing, and the next free slug is tried.
        while (true)
        {
            var slug = await UniqueSlugAsync(session, content.Name);
            if (id is null)
            {
                var newId = await session.Command(session.ReturningId(InsertReturningId), ["@slug", .. RowParameterNames, "@now"])
                    .ScalarAsync([slug, .. RowValues(content), now]);
                if (newId is null) continue;
                id = Convert.ToInt64(newId);
                break;
            }
            var written = await session.Command($"""
                INSERT INTO organizations (id, slug, {RowColumns}, created_at, updated_at, revision)
                VALUES (@id, @slug, {RowParameters}, @now, @now, 1)
                ON CONFLICT (slug) DO NOTHING
                """, ["@id", "@slug", .. RowParameterNames, "@now"]).ExecuteAsync([id, slug, .. RowValues(content), now]);
            if (written == 0) continue;
            await session.KeepIdsAboveAsync("organizations", id.Value);
            break;
        }
        content = await NumberRelationshipsAsync(session, content);
        await WriteChildrenAsync(session, id.Value, content, replacing: false);
        await RecordRevisionAsync(session, id.Value, 1, "created", note, null, Snapshots.ToJson(content), now);
        await RecordPersonEditAsync(session, id.Value, 1, null, content, note, now);
        return new WriteResult(WriteOutcome.Created, id.Value, 1);
    }

    /// <summary>
    /// Replaces the content of an organization. An identical content writes nothing; a stale
    /// <paramref name="expectedRevision"/> writes nothing and reports a conflict.
    /// </summary>
    public Task<WriteResult> UpdateAsync(WriteSession session, long id, OrganizationContent content,
        ChangeNote note, int? expectedRevision = null) => UpdateAsync(session, id, content, note, expectedRevision, byPerson: note.UserId is not null);

    /// <param name="byPerson">Whether the fields this changes were set by a person (and so stand against older sources).</param>
    private async Task<WriteResult> UpdateAsync(WriteSession session, long id, OrganizationContent content,
        ChangeNote note, int? expectedRevision, bool byPerson)
    {
        content = OrganizationValidator.Normalized(content);
        EnsureValid(content);
        await session.Store.LockRelatedAsync(session, RelatedIds(content));
        var current = await CurrentAsync(session, id);
        if (current is null) return new WriteResult(WriteOutcome.NotFound, id, 0);
        if (expectedRevision is not null && expectedRevision != current.Revision) return new WriteResult(WriteOutcome.Conflict, id, current.Revision);
        content = await NumberRelationshipsAsync(session, content);
        var after = Snapshots.ToJson(content);
        if (after == current.After) return new WriteResult(WriteOutcome.Unchanged, id, current.Revision);

        var now = Now(note);
        var revision = current.Revision + 1;
        // Conditional on the revision read above: of two writers racing from one revision, the second
        // (blocked on PostgreSQL's row lock, then re-checking) updates nothing and reports a conflict.
        var changed = await session.Command($"""
            UPDATE organizations SET ({RowColumns}, updated_at, revision) = ({RowParameters}, @now, @revision)
            WHERE id = @id AND revision = @currentRevision
            """, [.. RowParameterNames, "@now", "@revision", "@id", "@currentRevision"])
            .ExecuteAsync([.. RowValues(content), now, revision, id, current.Revision]);
        if (changed == 0) return new WriteResult(WriteOutcome.Conflict, id, (await CurrentAsync(session, id))?.Revision ?? 0);
        await WriteChildrenAsync(session, id, content, replacing: true);
        await RecordRevisionAsync(session, id, revision, "updated", note, current.After, after, now);
        if (byPerson) await RecordPersonEditAsync(session, id, revision, current.After is null ? null : Snapshots.FromJson(current.After), content, note, now);
        return new WriteResult(WriteOutcome.Updated, id, revision);
    }

    /// <summary>
    /// Removes an organization, leaving its history and a tombstone (so its id is never reused and a
    /// re-import of its source does not bring it back). Relationships naming it as their object are
    /// removed from their subjects, each with a revision of its own.
    /// </summary>
    public async Task<WriteResult> DeleteAsync(WriteSession session, long id, ChangeNote note, int? expectedRevision = null)
    {
        var current = await CurrentAsync(session, id, removing: true);
        if (current is null) return new WriteResult(WriteOutcome.NotFound, id, 0);
        if (expectedRevision is not null && expectedRevision != current.Revision) return new WriteResult(WriteOutcome.Conflict, id, current.Revision);
        await RepointRelationshipsAsync(session, id, replacement: null, note);
        await RemoveAsync(session, id, current, "deleted", mergedInto: null, note);
        return new WriteResult(WriteOutcome.Deleted, id, current.Revision + 1);
    }

    /// <summary>The record's content as it is now (null if there is none), locked until the write ends.</summary>
    public async Task<OrganizationContent?> ContentAsync(WriteSession session, long id) =>
        (await CurrentAsync(session, id))?.After is { } after ? Snapshots.FromJson(after) : null;

    /// <summary>
    /// Notes that the record was confirmed correct on <paramref name="on"/> (a date or time) by <paramref name="by"/>,
    /// unless it was already confirmed later. Returns whether it moved the record's confirmation forward.
    /// </summary>
    public static async Task<bool> ConfirmAsync(WriteSession session, long id, string on, string by) =>
        await session.Command("""
            UPDATE organizations SET confirmed_at = @on, confirmed_by = @by
            WHERE id = @id AND (confirmed_at IS NULL OR confirmed_at < @on)
            """, "@on", "@by", "@id").ExecuteAsync(on, by, id) > 0;

    /// <summary>
    /// A revision that changes nothing but says the record was confirmed: history shows who confirmed it,
    /// and search (which follows revisions) sees its freshness change.
    /// </summary>
    public async Task<WriteResult> RecordConfirmationAsync(WriteSession session, long id, ChangeNote note)
    {
        var current = await CurrentAsync(session, id);
        if (current is null) return new WriteResult(WriteOutcome.NotFound, id, 0);
        var revision = current.Revision + 1;
        var now = Now(note);
        await session.Command("UPDATE organizations SET updated_at = @now, revision = @revision WHERE id = @id", "@now", "@revision", "@id")
            .ExecuteAsync(now, revision, id);
        await RecordRevisionAsync(session, id, revision, "updated", note, current.After, current.After, now);
        return new WriteResult(WriteOutcome.Updated, id, revision);
    }

    // A person's change: the fields it set stand against older sources, and the record counts as confirmed.
    private static async Task RecordPersonEditAsync(WriteSession session, long id, int revision,
        OrganizationContent? before, OrganizationContent after, ChangeNote note, string now)
    {
        if (note.UserId is null) return;
        await FieldEdits.RecordAsync(session, id, revision, before, after, note.Author, now);
        await ConfirmAsync(session, id, now, $"person:{note.Author}");
    }

    private static void EnsureValid(OrganizationContent content)
    {
        var errors = OrganizationValidator.Validate(content);
        if (errors.Count > 0)
        {
            // Callers validate first and report errors as values; reaching here is a bug.
            throw new InvalidOperationException("Refusing to write an invalid organization: " +
                string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
    }

    private static List<long> RelatedIds(OrganizationContent content) => content.Relationships.Select(r => r.ObjectId).ToList();

    /// <summary>New relationships (id 0) get their ids before the record's snapshot is taken, so that its revision names them.</summary>
    private static async Task<OrganizationContent> NumberRelationshipsAsync(WriteSession session, OrganizationContent content)
    {
        if (content.Relationships.All(r => r.Id != 0)) return content;
        var numbered = new List<Relationship>(content.Relationships.Count);
        foreach (var r in content.Relationships)
            numbered.Add(r.Id != 0 ? r : r with { Id = await session.Store.NextRelationshipIdAsync(session) });
        return content with { Relationships = numbered };
    }

    private string Now(ChangeNote note) => (note.At ?? clock.GetUtcNow()).ToUniversalTime().ToString("O");

    private sealed class CurrentRow
    {
        public int Revision { get; set; }
        public string? After { get; set; }
        public long? SourceId { get; set; }
        public string? SourceRecordId { get; set; }
    }

    /// <summary>
    /// The record as it is now, locked until the write ends (on PostgreSQL, where writers run side by
    /// side): whatever the write then does to it follows from what it read here.
    /// </summary>
    private static async Task<CurrentRow?> CurrentAsync(WriteSession session, long id, bool removing = false)
    {
        await session.Store.LockOrganizationAsync(session, id, removing);
        CurrentRow current;
        await using (var reader = await session.Command("""
            SELECT o.revision, r.after_json, o.source_id, o.source_record_id
            FROM organizations o
            LEFT JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            WHERE o.id = @id
            """, "@id").ReadAsync(id))
        {
            if (!await reader.ReadAsync()) return null;
            current = new CurrentRow
            {
                Revision = reader.GetInt32(0),
                After = reader.IsDBNull(1) ? null : reader.GetString(1),
                SourceId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                SourceRecordId = reader.IsDBNull(3) ? null : reader.GetString(3),
            };
        }
        // This write's own latest revision of the record may not be in the table yet.
        var (held, after) = await session.WrittenLast.SnapshotOfAsync(id);
        if (held) current.After = after;
        return current;
    }

    private async Task RemoveAsync(WriteSession session, long id, CurrentRow current, string action, long? mergedInto, ChangeNote note)
    {
        var now = Now(note);
        await SearchIndex.RemoveAsync(session, id);
        await SourceRecords.MoveAsync(session, id, mergedInto);
        await session.ExecuteAsync("DELETE FROM organizations WHERE id = @id", new { id });
        await session.ExecuteAsync("""
            INSERT INTO organization_tombstones (id, merged_into, source_id, source_record_id, deleted_at)
            VALUES (@id, @mergedInto, @SourceId, @SourceRecordId, @now)
            """, new { id, mergedInto, current.SourceId, current.SourceRecordId, now });
        // Earlier merges into this record now lead to where it went.
        await session.ExecuteAsync("UPDATE organization_tombstones SET merged_into = @mergedInto WHERE merged_into = @id", new { id, mergedInto });
        await RecordRevisionAsync(session, id, current.Revision + 1, action, note, current.After, null, now, mergedInto);
    }

    /// <summary>
    /// Every relationship naming <paramref name="objectId"/> as its object names the replacement instead
    /// (or goes, with no replacement), in a revision of its subject.
    /// </summary>
    private async Task RepointRelationshipsAsync(WriteSession session, long objectId, long? replacement, ChangeNote note)
    {
        var subjectIds = await session.QueryAsync<long>("SELECT DISTINCT subject_id FROM relationships WHERE object_id = @objectId ORDER BY subject_id", new { objectId });
        foreach (var subjectId in subjectIds)
        {
            var subject = Snapshots.FromJson((await CurrentAsync(session, subjectId))!.After!);
            var relationships = Relationship.Fold(subject.Relationships
                .Select(r => r.ObjectId == objectId && replacement is not null ? r with { ObjectId = replacement.Value } : r)
                .Where(r => r.ObjectId != objectId && r.ObjectId != subjectId));
            await UpdateAsync(session, subjectId, subject with { Relationships = relationships }, note);
        }
    }

    // The organization row's columns that come from its content, in the order RowValues gives them.
    private const string RowColumns = """
        name, name_key, alternate_names, kind, sector, description, status, founded_on, dissolved_on, website,
        email, phone, members_count, workers_count, employees_count, counts_year, source_id, source_record_id,
        descriptions_by_language, solution
        """;
    private const string RowParameters = """
        @Name, @NameKey, @AlternateNames, @Kind, @Sector, @Description, @Status, @FoundedOn, @DissolvedOn, @Website,
        @Email, @Phone, @Members, @Workers, @Employees, @Year, @SourceId, @SourceRecordId,
        @DescriptionsByLanguage, @Solution
        """;
    private static readonly string[] RowParameterNames =
        RowParameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static object?[] RowValues(OrganizationContent c) =>
    [
        c.Name, TextKey.Of(c.Name), JsonSerializer.Serialize(c.AlternateNames), c.Kind, c.Sector, c.Description, c.Status,
        c.FoundedOn, c.DissolvedOn, c.Website, c.Email, c.Phone,
        c.Counts?.Members, c.Counts?.Workers, c.Counts?.Employees, c.Counts?.Year, c.SourceId, c.SourceRecordId,
        c.DescriptionsByLanguage.Count == 0 ? null : JsonSerializer.Serialize(c.DescriptionsByLanguage, Snapshots.Options),
        c.Solution is null ? null : JsonSerializer.Serialize(c.Solution, Snapshots.Options),
    ];

    private static async Task WriteChildrenAsync(WriteSession session, long id, OrganizationContent c, bool replacing)
    {
        if (replacing)
        {
            await SearchIndex.RemoveAsync(session, id);
            await session.Command("""
                DELETE FROM organization_types WHERE organization_id = @id;
                DELETE FROM locations WHERE organization_id = @id;
                DELETE FROM identifiers WHERE organization_id = @id;
                DELETE FROM classifications WHERE organization_id = @id;
                DELETE FROM relationships WHERE subject_id = @id;
                """, "@id").ExecuteAsync(id);
        }

        var insertType = session.Command("INSERT INTO organization_types (organization_id, type) VALUES (@id, @type)", "@id", "@type");
        foreach (var type in c.Types.Distinct()) await insertType.QueueAsync(id, type);
        var insertLocation = session.Command("""
            INSERT INTO locations (organization_id, position, street, locality, region, postcode, country, latitude, longitude)
            VALUES (@id, @position, @Street, @Locality, @Region, @Postcode, @Country, @Latitude, @Longitude)
            """, "@id", "@position", "@Street", "@Locality", "@Region", "@Postcode", "@Country", "@Latitude", "@Longitude");
        for (var position = 0; position < c.Locations.Count; position++)
        {
            var l = c.Locations[position];
            await insertLocation.QueueAsync(id, position, l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude);
        }
        var insertIdentifier = session.Command("INSERT INTO identifiers (organization_id, scheme, value) VALUES (@id, @Scheme, @Value)",
            "@id", "@Scheme", "@Value");
        foreach (var identifier in c.Identifiers.Distinct()) await insertIdentifier.QueueAsync(id, identifier.Scheme, identifier.Value);
        var insertClassification = session.Command("INSERT INTO classifications (organization_id, scheme, code) VALUES (@id, @Scheme, @Code)",
            "@id", "@Scheme", "@Code");
        foreach (var classification in c.Classifications.Distinct()) await insertClassification.QueueAsync(id, classification.Scheme, classification.Code);
        await InsertRelationshipsAsync(session, id, c.Relationships);
        await SearchIndex.AddAsync(session, id, c);
    }

    // Status and ended_at are kept beside the assertions they come from, for search and incoming lists.
    private static async Task InsertRelationshipsAsync(WriteSession session, long id, IReadOnlyList<Relationship> relationships)
    {
        var insert = session.Command("""
            INSERT INTO relationships (id, subject_id, object_id, type, start_date, end_date, note, status, ended_at, assertions, position)
            VALUES (@Id, @subject, @ObjectId, @Type, @StartDate, @EndDate, @Note, @status, @endedAt, @assertions, @position)
            """, "@Id", "@subject", "@ObjectId", "@Type", "@StartDate", "@EndDate", "@Note", "@status", "@endedAt", "@assertions", "@position");
        for (var position = 0; position < relationships.Count; position++)
        {
            var r = relationships[position];
            var state = r.State;
            await insert.QueueAsync(r.Id, id, r.ObjectId, r.Type, r.StartDate, r.EndDate, r.Note,
                RelationshipText.Of(state.Status), state.EndedAt?.ToString("O"), Snapshots.AssertionsToJson(r.Assertions), position);
        }
    }

    /// <summary>
    /// The last step of every write: the revision (written at once or when the session commits, see
    /// <see cref="WrittenLast"/>), and whatever else the write queued. In a bulk write that waits
    /// for the next write's first round trip.
    /// </summary>
    private static async Task RecordRevisionAsync(WriteSession session, long id, int revision,
        string action, ChangeNote note, string? before, string? after, string now, long? mergedInto = null)
    {
        await session.WrittenLast.AddRevisionAsync(new RevisionRow(id, revision, action, note.Author, note.Summary, now, before, after, mergedInto, note.UserId));
        if (!session.Bulk) await session.SendAsync();
    }

    private static async Task<string> UniqueSlugAsync(WriteSession session, string name)
    {
        var baseSlug = TextKey.Slug(name);
        if (Convert.ToInt64(await session.Command("SELECT count(*) FROM organizations WHERE slug = @baseSlug", "@baseSlug").ScalarAsync(baseSlug)) == 0L)
            return baseSlug;
        // A range, not LIKE, so that the slug index is used (slugs compare byte-wise on both stores).
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await session.Command("SELECT slug FROM organizations WHERE slug = @baseSlug OR (slug >= @from AND slug < @to)",
            "@baseSlug", "@from", "@to").ReadAsync(baseSlug, baseSlug + "-", baseSlug + "."))
        {
            while (await reader.ReadAsync()) taken.Add(reader.GetString(0));
        }
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
