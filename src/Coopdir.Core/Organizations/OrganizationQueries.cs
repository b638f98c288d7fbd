using System.Data.Common;
using System.Text.Json;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>Reads whole organizations, the same way for the API, the pages and exports.</summary>
public static class OrganizationQueries
{
    // Dapper fills these by property, converting SQLite's 64-bit integers where needed.
    private sealed class OrganizationRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string AlternateNames { get; set; } = "[]";
        public string Kind { get; set; } = "";
        public string? Sector { get; set; }
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public string? FoundedOn { get; set; }
        public string? DissolvedOn { get; set; }
        public string? Website { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public int? MembersCount { get; set; }
        public int? WorkersCount { get; set; }
        public int? EmployeesCount { get; set; }
        public int? CountsYear { get; set; }
        public long? SourceId { get; set; }
        public string? SourceRecordId { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public int Revision { get; set; }
    }


    private sealed class PairRow
    {
        public long OrganizationId { get; set; }
        public string A { get; set; } = "";
        public string B { get; set; } = "";
    }

    private sealed class LinkRow
    {
        public long OrganizationId { get; set; }
        public long OtherId { get; set; }
        public string OtherName { get; set; } = "";
        public string? Role { get; set; }
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
    }

    public static Organization? Get(DbConnection connection, long id, DbTransaction? transaction = null) =>
        Load(connection, [id], transaction).FirstOrDefault();

    /// <summary>
    /// Whole organizations for a batch of ids, in the order given (unknown ids are left out): one
    /// query per table for the whole batch, so exports read a million records in a few thousand queries.
    /// </summary>
    public static IReadOnlyList<Organization> Load(DbConnection connection, IReadOnlyList<long> ids, DbTransaction? transaction = null)
    {
        if (ids.Count == 0) return [];
        // A batch of mostly consecutive ids (an export of everything or of a broad search) is read as a
        // range, which is many times cheaper than binding hundreds of parameters; rows of ids in the
        // range but not in the batch are simply never looked up. A sparse batch is read by its ids.
        long first = ids.Min(), last = ids.Max();
        var dense = last - first < 2L * ids.Count;
        IEnumerable<T> Query<T>(string sql, string column)
        {
            var parameters = new DynamicParameters(new { first, last });
            var condition = dense ? $"{column} BETWEEN @first AND @last" : SqlList.In(column, "id", ids, parameters);
            return connection.Query<T>(sql.Replace("@ids", condition), parameters, transaction);
        }

        var rows = Query<OrganizationRow>("""
            SELECT id, slug, name, alternate_names AS AlternateNames, kind, sector, description, status,
                founded_on AS FoundedOn, dissolved_on AS DissolvedOn, website, email, phone,
                members_count AS MembersCount, workers_count AS WorkersCount, employees_count AS EmployeesCount,
                counts_year AS CountsYear, source_id AS SourceId, source_record_id AS SourceRecordId,
                created_at AS CreatedAt, updated_at AS UpdatedAt, revision
            FROM organizations WHERE @ids
            """, "id").ToDictionary(r => r.Id);
        if (rows.Count == 0) return [];

        var types = Query<PairRow>(
            "SELECT organization_id AS OrganizationId, type AS A FROM organization_types WHERE @ids ORDER BY type", "organization_id")
            .ToLookup(r => r.OrganizationId, r => r.A);
        var locations = Query<LocationRow>("""
            SELECT organization_id AS OrganizationId, street, locality, region, postcode, country, latitude, longitude
            FROM locations WHERE @ids ORDER BY position
            """, "organization_id").ToLookup(r => r.OrganizationId, r => r.ToLocation());
        var identifiers = Query<PairRow>(
            "SELECT organization_id AS OrganizationId, scheme AS A, value AS B FROM identifiers WHERE @ids ORDER BY scheme, value", "organization_id")
            .ToLookup(r => r.OrganizationId, r => new Identifier(r.A, r.B));
        var classifications = Query<PairRow>(
            "SELECT organization_id AS OrganizationId, scheme AS A, code AS B FROM classifications WHERE @ids ORDER BY scheme, code", "organization_id")
            .ToLookup(r => r.OrganizationId, r => new Classification(r.A, r.B));
        var networks = Query<LinkRow>("""
            SELECT m.member_id AS OrganizationId, m.network_id AS OtherId, n.name AS OtherName, m.role, m.start_date AS StartDate, m.end_date AS EndDate
            FROM memberships m JOIN organizations n ON n.id = m.network_id
            WHERE @ids ORDER BY m.id
            """, "m.member_id").ToLookup(r => r.OrganizationId, r => new NetworkLink(r.OtherId, r.OtherName, r.Role, r.StartDate, r.EndDate));
        var members = Query<LinkRow>("""
            SELECT m.network_id AS OrganizationId, m.member_id AS OtherId, o.name AS OtherName, m.role, m.start_date AS StartDate, m.end_date AS EndDate
            FROM memberships m JOIN organizations o ON o.id = m.member_id
            WHERE @ids ORDER BY o.name_key, o.id
            """, "m.network_id").ToLookup(r => r.OrganizationId, r => new NetworkMember(r.OtherId, r.OtherName, r.Role, r.StartDate, r.EndDate));
        var sources = Sources.All(connection, transaction).ToDictionary(s => s.Id);

        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var source = row.SourceId is { } sourceId && sources.TryGetValue(sourceId, out var s) ? s with { RecordId = row.SourceRecordId } : null;
            var content = new OrganizationContent
            {
                Name = row.Name,
                AlternateNames = JsonSerializer.Deserialize<List<string>>(row.AlternateNames) ?? [],
                Kind = row.Kind,
                Types = types[id].ToList(),
                Sector = row.Sector,
                Description = row.Description,
                Status = row.Status,
                FoundedOn = row.FoundedOn,
                DissolvedOn = row.DissolvedOn,
                Website = row.Website,
                Email = row.Email,
                Phone = row.Phone,
                Counts = row.MembersCount is null && row.WorkersCount is null && row.EmployeesCount is null && row.CountsYear is null
                    ? null
                    : new MembershipCounts(row.MembersCount, row.WorkersCount, row.EmployeesCount, row.CountsYear),
                Locations = locations[id].ToList(),
                Identifiers = identifiers[id].ToList(),
                Classifications = classifications[id].ToList(),
                MemberOf = networks[id].Select(n => new MembershipLink(n.NetworkId, n.Role, n.StartDate, n.EndDate)).ToList(),
                SourceId = row.SourceId,
                SourceRecordId = row.SourceRecordId,
            };
            return new Organization(row.Id, row.Slug, content, source, members[id].ToList(), networks[id].ToList(),
                DateTimeOffset.Parse(row.CreatedAt), DateTimeOffset.Parse(row.UpdatedAt), row.Revision);
        }).ToList();
    }

    public static long? FindBySourceRecord(DbConnection connection, DbTransaction? transaction, long sourceId, string recordId) =>
        connection.QuerySingleOrDefault<long?>(
            "SELECT id FROM organizations WHERE source_id = @sourceId AND source_record_id = @recordId",
            new { sourceId, recordId }, transaction);

    /// <summary>Whether this source record was deleted or merged away in the directory.</summary>
    public static bool IsTombstoned(DbConnection connection, DbTransaction? transaction, long sourceId, string recordId) =>
        connection.ExecuteScalar<long>(
            "SELECT count(*) FROM organization_tombstones WHERE source_id = @sourceId AND source_record_id = @recordId",
            new { sourceId, recordId }, transaction) > 0;

    /// <summary>Every organization of a source, by its record id within the source.</summary>
    public static Dictionary<string, long> BySourceRecord(DbConnection connection, DbTransaction? transaction, long sourceId) =>
        connection.Query<(string RecordId, long Id)>(
            "SELECT source_record_id, id FROM organizations WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId }, transaction).ToDictionary(r => r.RecordId, r => r.Id, StringComparer.Ordinal);

    /// <summary>The record ids of a source whose organizations were deleted or merged away in the directory.</summary>
    public static HashSet<string> TombstonedRecords(DbConnection connection, DbTransaction? transaction, long sourceId) =>
        connection.Query<string>(
            "SELECT source_record_id FROM organization_tombstones WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId }, transaction).ToHashSet(StringComparer.Ordinal);

    /// <summary>For a merged id, the organization it now leads to.</summary>
    public static long? MergedInto(DbConnection connection, long id) =>
        connection.QuerySingleOrDefault<long?>("SELECT merged_into FROM organization_tombstones WHERE id = @id", new { id });

    public static long Count(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT count(*) FROM organizations");
}
