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
    /// <param name="id">The id to give the new organization; by default the next unused one. A mirror keeps its source's ids.</param>
    public WriteResult Create(DbConnection connection, DbTransaction transaction, OrganizationContent content, ChangeNote note, long? id = null)
    {
        EnsureValid(content);
        store.SerializeChanges(connection, transaction);
        var now = Now(note);
        var slug = UniqueSlug(connection, transaction, content.Name);
        var (idColumn, idValue) = id is null ? ("", "") : ("id, ", "@id, ");
        id = connection.ExecuteScalar<long>($"""
            INSERT INTO organizations ({idColumn}slug, name, name_key, alternate_names, kind, sector, description, status,
                founded_on, dissolved_on, website, email, phone, members_count, workers_count, employees_count,
                counts_year, source_id, source_record_id, created_at, updated_at, revision)
            VALUES ({idValue}@slug, @Name, @NameKey, @AlternateNames, @Kind, @Sector, @Description, @Status,
                @FoundedOn, @DissolvedOn, @Website, @Email, @Phone, @Members, @Workers, @Employees,
                @Year, @SourceId, @SourceRecordId, @now, @now, 1)
            RETURNING id
            """, Row(content, new { id, slug, now }), transaction);
        if (idColumn.Length > 0) store.KeepIdsAbove(connection, transaction, "organizations", id.Value);
        WriteChildren(connection, transaction, id.Value, content, replacing: false);
        RecordRevision(connection, transaction, id.Value, 1, "created", note, null, Snapshots.ToJson(content), now);
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
        var changed = connection.Execute("""
            UPDATE organizations SET name = @Name, name_key = @NameKey, alternate_names = @AlternateNames,
                kind = @Kind, sector = @Sector, description = @Description, status = @Status,
                founded_on = @FoundedOn, dissolved_on = @DissolvedOn, website = @Website, email = @Email,
                phone = @Phone, members_count = @Members, workers_count = @Workers, employees_count = @Employees,
                counts_year = @Year, source_id = @SourceId, source_record_id = @SourceRecordId,
                updated_at = @now, revision = @revision
            WHERE id = @id AND revision = @currentRevision
            """, Row(content, new { id, now, revision, currentRevision = current.Revision }), transaction);
        if (changed == 0) return new WriteResult(WriteOutcome.Conflict, id, Current(connection, transaction, id)?.Revision ?? 0);
        WriteChildren(connection, transaction, id, content, replacing: true);
        RecordRevision(connection, transaction, id, revision, "updated", note, current.After, after, now);
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

    private static CurrentRow? Current(DbConnection connection, DbTransaction transaction, long id) =>
        connection.QuerySingleOrDefault<CurrentRow>("""
            SELECT o.revision AS Revision, r.after_json AS After, o.source_id AS SourceId, o.source_record_id AS SourceRecordId
            FROM organizations o
            LEFT JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            WHERE o.id = @id
            """, new { id }, transaction);

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
        RecordRevision(connection, transaction, id, current.Revision + 1, action, note, current.After, null, now, mergedInto);
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

    private static DynamicParameters Row(OrganizationContent c, object extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.AddDynamicParams(new
        {
            c.Name,
            NameKey = TextKey.Of(c.Name),
            AlternateNames = JsonSerializer.Serialize(c.AlternateNames),
            c.Kind, c.Sector, c.Description, c.Status, c.FoundedOn, c.DissolvedOn, c.Website, c.Email, c.Phone,
            c.Counts?.Members, c.Counts?.Workers, c.Counts?.Employees, c.Counts?.Year,
            c.SourceId, c.SourceRecordId,
        });
        return parameters;
    }

    private void WriteChildren(DbConnection connection, DbTransaction tx, long id, OrganizationContent c, bool replacing)
    {
        if (replacing)
        {
            store.SearchIndex.Remove(connection, tx, id);
            connection.Execute("""
                DELETE FROM organization_types WHERE organization_id = @id;
                DELETE FROM locations WHERE organization_id = @id;
                DELETE FROM identifiers WHERE organization_id = @id;
                DELETE FROM classifications WHERE organization_id = @id;
                DELETE FROM memberships WHERE member_id = @id;
                """, new { id }, tx);
        }

        connection.Execute("INSERT INTO organization_types (organization_id, type) VALUES (@id, @type)",
            c.Types.Distinct().Select(type => new { id, type }), tx);
        connection.Execute("""
            INSERT INTO locations (organization_id, position, street, locality, region, postcode, country, latitude, longitude)
            VALUES (@id, @position, @Street, @Locality, @Region, @Postcode, @Country, @Latitude, @Longitude)
            """, c.Locations.Select((l, position) => new { id, position, l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude }), tx);
        connection.Execute("INSERT INTO identifiers (organization_id, scheme, value) VALUES (@id, @Scheme, @Value)",
            c.Identifiers.Distinct().Select(i => new { id, i.Scheme, i.Value }), tx);
        connection.Execute("INSERT INTO classifications (organization_id, scheme, code) VALUES (@id, @Scheme, @Code)",
            c.Classifications.Distinct().Select(x => new { id, x.Scheme, x.Code }), tx);
        InsertMemberships(connection, tx, id, c.MemberOf);
        store.SearchIndex.Add(connection, tx, id, c);
    }

    private static void InsertMemberships(DbConnection connection, DbTransaction tx, long id, IReadOnlyList<MembershipLink> links) =>
        connection.Execute("""
            INSERT INTO memberships (member_id, network_id, role, start_date, end_date)
            VALUES (@id, @NetworkId, @Role, @StartDate, @EndDate)
            """, links.Select(m => new { id, m.NetworkId, m.Role, m.StartDate, m.EndDate }), tx);

    private static void RecordRevision(DbConnection connection, DbTransaction tx, long id, int revision,
        string action, ChangeNote note, string? before, string? after, string now, long? mergedInto = null) =>
        connection.Execute("""
            INSERT INTO revisions (organization_id, revision, action, author, summary, created_at, before_json, after_json, merged_into, user_id)
            VALUES (@id, @revision, @action, @Author, @Summary, @now, @before, @after, @mergedInto, @UserId)
            """, new { id, revision, action, note.Author, note.Summary, now, before, after, mergedInto, note.UserId }, tx);

    private static string UniqueSlug(DbConnection connection, DbTransaction tx, string name)
    {
        var baseSlug = TextKey.Slug(name);
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM organizations WHERE slug = @baseSlug", new { baseSlug }, tx) == 0)
            return baseSlug;
        // A range, not LIKE, so that the slug index is used (slugs compare byte-wise on both stores).
        var taken = connection.Query<string>(
            "SELECT slug FROM organizations WHERE slug = @baseSlug OR (slug >= @from AND slug < @to)",
            new { baseSlug, from = baseSlug + "-", to = baseSlug + "." }, tx).ToHashSet();
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
