using System.Data.Common;
using System.Text.Json;
using Coopdir.Core.Data;
using Dapper;

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
/// and keeps the store's search indexes in step, all inside the caller's transaction.
/// </summary>
public sealed partial class OrganizationWriter(Store store, TimeProvider clock)
{
    private readonly string insertReturningId = store.ReturningId($"""
        INSERT INTO organizations (slug, {RowColumns}, created_at, updated_at, revision)
        VALUES (@slug, {RowParameters}, @now, @now, 1)
        """);

    /// <param name="id">The id to give the new organization; by default the next unused one. A mirror keeps its source's ids.</param>
    public WriteResult Create(DbConnection connection, DbTransaction transaction, OrganizationContent content, ChangeNote note, long? id = null)
    {
        EnsureValid(content);
        store.SerializeChanges(connection, transaction);
        var now = Now(note);
        var slug = UniqueSlug(transaction, content.Name);
        if (id is null)
        {
            id = (long)TransactionCommands.Of(transaction).For(insertReturningId, ["@slug", .. RowParameterNames, "@now"])
                .Scalar([slug, .. RowValues(content), now])!;
        }
        else
        {
            TransactionCommands.Of(transaction).For($"""
                INSERT INTO organizations (id, slug, {RowColumns}, created_at, updated_at, revision)
                VALUES (@id, @slug, {RowParameters}, @now, @now, 1)
                """, ["@id", "@slug", .. RowParameterNames, "@now"]).Execute([id, slug, .. RowValues(content), now]);
            store.KeepIdsAbove(connection, transaction, "organizations", id.Value);
        }
        WriteChildren(connection, transaction, id.Value, content, replacing: false);
        RecordRevision(transaction, id.Value, 1, "created", note, null, Snapshots.ToJson(content), now);
        return new WriteResult(WriteOutcome.Created, id.Value, 1);
    }

    /// <summary>
    /// Replaces the content of an organization. An identical content writes nothing; a stale
    /// <paramref name="expectedRevision"/> writes nothing and reports a conflict.
    /// </summary>
    public WriteResult Update(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content,
        ChangeNote note, int? expectedRevision = null)
    {
        EnsureValid(content);
        store.SerializeChanges(connection, transaction);
        var current = Current(connection, transaction, id);
        if (current is null) return new WriteResult(WriteOutcome.NotFound, id, 0);
        if (expectedRevision is not null && expectedRevision != current.Revision) return new WriteResult(WriteOutcome.Conflict, id, current.Revision);
        var after = Snapshots.ToJson(content);
        if (after == current.After) return new WriteResult(WriteOutcome.Unchanged, id, current.Revision);

        var now = Now(note);
        var revision = current.Revision + 1;
        // Conditional on the revision read above: of two writers racing from one revision, the second
        // (blocked on PostgreSQL's row lock, then re-checking) updates nothing and reports a conflict.
        var changed = TransactionCommands.Of(transaction).For($"""
            UPDATE organizations SET ({RowColumns}, updated_at, revision) = ({RowParameters}, @now, @revision)
            WHERE id = @id AND revision = @currentRevision
            """, [.. RowParameterNames, "@now", "@revision", "@id", "@currentRevision"])
            .Execute([.. RowValues(content), now, revision, id, current.Revision]);
        if (changed == 0) return new WriteResult(WriteOutcome.Conflict, id, Current(connection, transaction, id)?.Revision ?? 0);
        WriteChildren(connection, transaction, id, content, replacing: true);
        RecordRevision(transaction, id, revision, "updated", note, current.After, after, now);
        return new WriteResult(WriteOutcome.Updated, id, revision);
    }

    /// <summary>
    /// Removes an organization, leaving its history and a tombstone (so its id is never reused and a
    /// re-import of its source does not bring it back). Memberships naming it are removed from the
    /// other organizations, each with a revision of its own.
    /// </summary>
    public WriteResult Delete(DbConnection connection, DbTransaction transaction, long id, ChangeNote note, int? expectedRevision = null)
    {
        store.SerializeChanges(connection, transaction);
        var current = Current(connection, transaction, id);
        if (current is null) return new WriteResult(WriteOutcome.NotFound, id, 0);
        if (expectedRevision is not null && expectedRevision != current.Revision) return new WriteResult(WriteOutcome.Conflict, id, current.Revision);
        RepointMembers(connection, transaction, id, replacement: null, note);
        Remove(connection, transaction, id, current, "deleted", mergedInto: null, note);
        return new WriteResult(WriteOutcome.Deleted, id, current.Revision + 1);
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

    private string Now(ChangeNote note) => (note.At ?? clock.GetUtcNow()).ToUniversalTime().ToString("O");

    private sealed class CurrentRow
    {
        public int Revision { get; set; }
        public string? After { get; set; }
        public long? SourceId { get; set; }
        public string? SourceRecordId { get; set; }
    }

    private static CurrentRow? Current(DbConnection connection, DbTransaction transaction, long id)
    {
        using var reader = TransactionCommands.Of(transaction).For("""
            SELECT o.revision, r.after_json, o.source_id, o.source_record_id
            FROM organizations o
            LEFT JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            WHERE o.id = @id
            """, "@id").Read(id);
        if (!reader.Read()) return null;
        return new CurrentRow
        {
            Revision = reader.GetInt32(0),
            After = reader.IsDBNull(1) ? null : reader.GetString(1),
            SourceId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
            SourceRecordId = reader.IsDBNull(3) ? null : reader.GetString(3),
        };
    }

    private void Remove(DbConnection connection, DbTransaction transaction, long id, CurrentRow current, string action, long? mergedInto, ChangeNote note)
    {
        var now = Now(note);
        store.SearchIndex.Remove(connection, transaction, id);
        connection.Execute("DELETE FROM organizations WHERE id = @id", new { id }, transaction);
        connection.Execute("""
            INSERT INTO organization_tombstones (id, merged_into, source_id, source_record_id, deleted_at)
            VALUES (@id, @mergedInto, @SourceId, @SourceRecordId, @now)
            """, new { id, mergedInto, current.SourceId, current.SourceRecordId, now }, transaction);
        // Earlier merges into this record now lead to where it went.
        connection.Execute("UPDATE organization_tombstones SET merged_into = @mergedInto WHERE merged_into = @id",
            new { id, mergedInto }, transaction);
        RecordRevision(transaction, id, current.Revision + 1, action, note, current.After, null, now, mergedInto);
    }

    /// <summary>Every organization that is a member of <paramref name="networkId"/> becomes a member of the replacement instead (or of nothing).</summary>
    private void RepointMembers(DbConnection connection, DbTransaction transaction, long networkId, long? replacement, ChangeNote note)
    {
        var memberIds = connection.Query<long>("SELECT DISTINCT member_id FROM memberships WHERE network_id = @networkId",
            new { networkId }, transaction).ToList();
        foreach (var memberId in memberIds)
        {
            var member = Snapshots.FromJson(Current(connection, transaction, memberId)!.After!);
            var links = member.MemberOf
                .Select(m => m.NetworkId == networkId && replacement is not null ? m with { NetworkId = replacement.Value } : m)
                .Where(m => m.NetworkId != networkId && m.NetworkId != memberId)
                .Distinct().ToList();
            Update(connection, transaction, memberId, member with { MemberOf = links }, note);
        }
    }

    // The organization row's columns that come from its content, in the order RowValues gives them.
    private const string RowColumns = """
        name, name_key, alternate_names, kind, sector, description, status, founded_on, dissolved_on, website,
        email, phone, members_count, workers_count, employees_count, counts_year, source_id, source_record_id
        """;
    private const string RowParameters = """
        @Name, @NameKey, @AlternateNames, @Kind, @Sector, @Description, @Status, @FoundedOn, @DissolvedOn, @Website,
        @Email, @Phone, @Members, @Workers, @Employees, @Year, @SourceId, @SourceRecordId
        """;
    private static readonly string[] RowParameterNames =
        RowParameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static object?[] RowValues(OrganizationContent c) =>
    [
        c.Name, TextKey.Of(c.Name), JsonSerializer.Serialize(c.AlternateNames), c.Kind, c.Sector, c.Description, c.Status,
        c.FoundedOn, c.DissolvedOn, c.Website, c.Email, c.Phone,
        c.Counts?.Members, c.Counts?.Workers, c.Counts?.Employees, c.Counts?.Year, c.SourceId, c.SourceRecordId,
    ];

    private void WriteChildren(DbConnection connection, DbTransaction tx, long id, OrganizationContent c, bool replacing)
    {
        var commands = TransactionCommands.Of(tx);
        if (replacing)
        {
            store.SearchIndex.Remove(connection, tx, id);
            commands.For("""
                DELETE FROM organization_types WHERE organization_id = @id;
                DELETE FROM locations WHERE organization_id = @id;
                DELETE FROM identifiers WHERE organization_id = @id;
                DELETE FROM classifications WHERE organization_id = @id;
                DELETE FROM memberships WHERE member_id = @id;
                """, "@id").Execute(id);
        }

        var insertType = commands.For("INSERT INTO organization_types (organization_id, type) VALUES (@id, @type)", "@id", "@type");
        foreach (var type in c.Types.Distinct()) insertType.Queue(id, type);
        var insertLocation = commands.For("""
            INSERT INTO locations (organization_id, position, street, locality, region, postcode, country, latitude, longitude)
            VALUES (@id, @position, @Street, @Locality, @Region, @Postcode, @Country, @Latitude, @Longitude)
            """, "@id", "@position", "@Street", "@Locality", "@Region", "@Postcode", "@Country", "@Latitude", "@Longitude");
        for (var position = 0; position < c.Locations.Count; position++)
        {
            var l = c.Locations[position];
            insertLocation.Queue(id, position, l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude);
        }
        var insertIdentifier = commands.For("INSERT INTO identifiers (organization_id, scheme, value) VALUES (@id, @Scheme, @Value)",
            "@id", "@Scheme", "@Value");
        foreach (var identifier in c.Identifiers.Distinct()) insertIdentifier.Queue(id, identifier.Scheme, identifier.Value);
        var insertClassification = commands.For("INSERT INTO classifications (organization_id, scheme, code) VALUES (@id, @Scheme, @Code)",
            "@id", "@Scheme", "@Code");
        foreach (var classification in c.Classifications.Distinct()) insertClassification.Queue(id, classification.Scheme, classification.Code);
        InsertMemberships(tx, id, c.MemberOf);
        store.SearchIndex.Add(connection, tx, id, c);
    }

    private static void InsertMemberships(DbTransaction tx, long id, IReadOnlyList<MembershipLink> links)
    {
        var insert = TransactionCommands.Of(tx).For("""
            INSERT INTO memberships (member_id, network_id, role, start_date, end_date)
            VALUES (@id, @NetworkId, @Role, @StartDate, @EndDate)
            """, "@id", "@NetworkId", "@Role", "@StartDate", "@EndDate");
        foreach (var m in links) insert.Queue(id, m.NetworkId, m.Role, m.StartDate, m.EndDate);
    }

    /// <summary>
    /// The last step of every write: the revision, sent with whatever else the write queued. In a bulk
    /// write it waits for the next write's first round trip.
    /// </summary>
    private static void RecordRevision(DbTransaction tx, long id, int revision,
        string action, ChangeNote note, string? before, string? after, string now, long? mergedInto = null)
    {
        var commands = TransactionCommands.Of(tx);
        commands.For("""
            INSERT INTO revisions (organization_id, revision, action, author, summary, created_at, before_json, after_json, merged_into, user_id)
            VALUES (@id, @revision, @action, @Author, @Summary, @now, @before, @after, @mergedInto, @UserId)
            """, "@id", "@revision", "@action", "@Author", "@Summary", "@now", "@before", "@after", "@mergedInto", "@UserId")
            .Queue(id, revision, action, note.Author, note.Summary, now, before, after, mergedInto, note.UserId);
        if (commands.Bulk is null) commands.Send();
    }

    private static string UniqueSlug(DbTransaction tx, string name)
    {
        var baseSlug = TextKey.Slug(name);
        var commands = TransactionCommands.Of(tx);
        if ((long)commands.For("SELECT count(*) FROM organizations WHERE slug = @baseSlug", "@baseSlug").Scalar(baseSlug)! == 0L)
            return baseSlug;
        // A range, not LIKE, so that the slug index is used (slugs compare byte-wise on both stores).
        var taken = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = commands.For("SELECT slug FROM organizations WHERE slug = @baseSlug OR (slug >= @from AND slug < @to)",
            "@baseSlug", "@from", "@to").Read(baseSlug, baseSlug + "-", baseSlug + "."))
        {
            while (reader.Read()) taken.Add(reader.GetString(0));
        }
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
