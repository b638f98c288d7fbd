using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Organizations;

/// <summary>Who made a change and why; recorded on the revision.</summary>
public sealed record ChangeNote(string Author, string Summary);

public enum WriteOutcome { Created, Updated, Unchanged }

public sealed record WriteResult(WriteOutcome Outcome, long Id, int Revision);

/// <summary>
/// The one path by which organizations change. Every create or update, an import's included,
/// goes through here and records a revision with author, time, summary, before and after, and
/// keeps the full-text and spatial indexes in step, all inside the caller's transaction.
/// </summary>
public sealed class OrganizationWriter(TimeProvider clock)
{
    public WriteResult Create(SqliteConnection connection, SqliteTransaction transaction, OrganizationContent content, ChangeNote note)
    {
        EnsureValid(content);
        var now = clock.GetUtcNow().ToString("O");
        var slug = UniqueSlug(connection, transaction, content.Name);
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO organizations (slug, name, name_key, alternate_names, kind, sector, description, status,
                founded_on, dissolved_on, website, email, phone, members_count, workers_count, employees_count,
                counts_year, source_id, source_record_id, created_at, updated_at, revision)
            VALUES (@slug, @Name, @NameKey, @AlternateNames, @Kind, @Sector, @Description, @Status,
                @FoundedOn, @DissolvedOn, @Website, @Email, @Phone, @Members, @Workers, @Employees,
                @Year, @SourceId, @SourceRecordId, @now, @now, 1)
            RETURNING id
            """, Row(content, new { slug, now }), transaction);
        WriteChildren(connection, transaction, id, content);
        RecordRevision(connection, transaction, id, 1, "created", note, null, Snapshots.ToJson(content), now);
        return new WriteResult(WriteOutcome.Created, id, 1);
    }

    /// <summary>Replaces the content of an organization; an identical content writes nothing.</summary>
    public WriteResult Update(SqliteConnection connection, SqliteTransaction transaction, long id, OrganizationContent content, ChangeNote note)
    {
        EnsureValid(content);
        var current = connection.QuerySingle<CurrentRevision>("""
            SELECT o.revision AS Revision, r.after_json AS After FROM organizations o
            LEFT JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            WHERE o.id = @id
            """, new { id }, transaction);
        var after = Snapshots.ToJson(content);
        if (after == current.After) return new WriteResult(WriteOutcome.Unchanged, id, current.Revision);

        var now = clock.GetUtcNow().ToString("O");
        var revision = current.Revision + 1;
        connection.Execute("""
            UPDATE organizations SET name = @Name, name_key = @NameKey, alternate_names = @AlternateNames,
                kind = @Kind, sector = @Sector, description = @Description, status = @Status,
                founded_on = @FoundedOn, dissolved_on = @DissolvedOn, website = @Website, email = @Email,
                phone = @Phone, members_count = @Members, workers_count = @Workers, employees_count = @Employees,
                counts_year = @Year, source_id = @SourceId, source_record_id = @SourceRecordId,
                updated_at = @now, revision = @revision
            WHERE id = @id
            """, Row(content, new { id, now, revision }), transaction);
        WriteChildren(connection, transaction, id, content);
        RecordRevision(connection, transaction, id, revision, "updated", note, current.After, after, now);
        return new WriteResult(WriteOutcome.Updated, id, revision);
    }

    private sealed class CurrentRevision
    {
        public int Revision { get; set; }
        public string? After { get; set; }
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

    private static void WriteChildren(SqliteConnection connection, SqliteTransaction tx, long id, OrganizationContent c)
    {
        connection.Execute("""
            DELETE FROM organization_types WHERE organization_id = @id;
            DELETE FROM locations_rtree WHERE id IN (SELECT id FROM locations WHERE organization_id = @id);
            DELETE FROM locations WHERE organization_id = @id;
            DELETE FROM identifiers WHERE organization_id = @id;
            DELETE FROM classifications WHERE organization_id = @id;
            DELETE FROM memberships WHERE member_id = @id;
            DELETE FROM organizations_fts WHERE rowid = @id;
            """, new { id }, tx);

        foreach (var type in c.Types.Distinct())
            connection.Execute("INSERT INTO organization_types (organization_id, type) VALUES (@id, @type)", new { id, type }, tx);

        for (var position = 0; position < c.Locations.Count; position++)
        {
            var l = c.Locations[position];
            var locationId = connection.ExecuteScalar<long>("""
                INSERT INTO locations (organization_id, position, street, locality, region, postcode, country, latitude, longitude)
                VALUES (@id, @position, @Street, @Locality, @Region, @Postcode, @Country, @Latitude, @Longitude)
                RETURNING id
                """, new { id, position, l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude }, tx);
            if (l.HasCoordinates)
            {
                connection.Execute(
                    "INSERT INTO locations_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (@locationId, @lon, @lon, @lat, @lat)",
                    new { locationId, lon = l.Longitude, lat = l.Latitude }, tx);
            }
        }

        foreach (var identifier in c.Identifiers.Distinct())
            connection.Execute("INSERT INTO identifiers (organization_id, scheme, value) VALUES (@id, @Scheme, @Value)",
                new { id, identifier.Scheme, identifier.Value }, tx);

        foreach (var classification in c.Classifications.Distinct())
            connection.Execute("INSERT INTO classifications (organization_id, scheme, code) VALUES (@id, @Scheme, @Code)",
                new { id, classification.Scheme, classification.Code }, tx);

        foreach (var m in c.MemberOf)
            connection.Execute("""
                INSERT INTO memberships (member_id, network_id, role, start_date, end_date)
                VALUES (@id, @NetworkId, @Role, @StartDate, @EndDate)
                """, new { id, m.NetworkId, m.Role, m.StartDate, m.EndDate }, tx);

        connection.Execute("""
            INSERT INTO organizations_fts (rowid, name, alternate_names, description, place)
            VALUES (@id, @name, @alternateNames, @description, @place)
            """, new
            {
                id,
                name = c.Name,
                alternateNames = string.Join(" | ", c.AlternateNames),
                description = c.Description ?? "",
                place = string.Join(" | ", c.Locations.Select(PlaceText)),
            }, tx);
    }

    private static string PlaceText(Location l) => string.Join(" ",
        new[] { l.Locality, l.Region, l.Postcode, l.Country is null ? null : Countries.NameOf(l.Country) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));

    private static void RecordRevision(SqliteConnection connection, SqliteTransaction tx, long id, int revision,
        string action, ChangeNote note, string? before, string? after, string now) =>
        connection.Execute("""
            INSERT INTO revisions (organization_id, revision, action, author, summary, created_at, before_json, after_json)
            VALUES (@id, @revision, @action, @Author, @Summary, @now, @before, @after)
            """, new { id, revision, action, note.Author, note.Summary, now, before, after }, tx);

    private static string UniqueSlug(SqliteConnection connection, SqliteTransaction tx, string name)
    {
        var baseSlug = TextKey.Slug(name);
        var taken = connection.Query<string>(
            "SELECT slug FROM organizations WHERE slug = @baseSlug OR slug LIKE @pattern",
            new { baseSlug, pattern = baseSlug + "-%" }, tx).ToHashSet();
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
