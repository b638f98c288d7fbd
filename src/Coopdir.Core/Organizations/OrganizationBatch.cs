using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Organizations;

/// <summary>
/// Reads whole organizations for a batch of ids with one query per table, straight off the data
/// readers. Exports read every record through here, so it maps columns by position, groups child rows
/// with one dictionary look-up each, parses dates by their stored (round-trip) format and reads only
/// the parts asked for.
/// </summary>
internal static class OrganizationBatch
{
    // One organization while its child rows arrive.
    private sealed class Loading
    {
        public required long Id;
        public required string Slug;
        public required OrganizationContent Content;
        public DateTimeOffset CreatedAt;
        public DateTimeOffset UpdatedAt;
        public int Revision;
        public string? ConfirmedAt, ConfirmedBy;
        public List<string>? Types;
        public List<Location>? Locations;
        public List<Identifier>? Identifiers;
        public List<Classification>? Classifications;
        public List<RelationshipView>? Outgoing;
        public List<RelationshipView>? Incoming;
    }

    private const string OrganizationsSql = """
        SELECT id, slug, name, kind, status, source_id, source_record_id,
            alternate_names, sector, description, founded_on, dissolved_on, website, email, phone,
            members_count, workers_count, employees_count, counts_year, created_at, updated_at, revision,
            descriptions_by_language, confirmed_at, confirmed_by, solution
        FROM organizations WHERE @ids
        """;

    // The first seven columns above: what a record holds without its details.
    private const string NarrowOrganizationsSql =
        "SELECT id, slug, name, kind, status, source_id, source_record_id FROM organizations WHERE @ids";

    /// <param name="connection">A connection of its own, or a write session's (<see cref="Data.WriteSession.ReadingAsync"/>): both
    /// providers run a command in the connection's open transaction.</param>
    public static async Task<IReadOnlyList<Organization>> LoadAsync(DbConnection connection, IReadOnlyList<long> ids, OrganizationParts parts)
    {
        if (ids.Count == 0) return [];
        long first = ids[0], last = ids[0];
        foreach (var id in ids) (first, last) = (Math.Min(first, id), Math.Max(last, id));
        // A batch of mostly consecutive ids (an export of everything or of a broad search) is read as a
        // range, which is many times cheaper than binding hundreds of parameters; rows of ids in the
        // range but not in the batch are simply never looked up. A sparse batch is read by its ids.
        var dense = last - first < 2L * ids.Count;
        var reads = new List<(string Sql, Action<DbDataReader> Row)>();
        void Read(string sql, string column, Action<DbDataReader> row) =>
            reads.Add((sql.Replace("@ids", dense ? $"{column} BETWEEN @first AND @last"
                : $"{column} IN ({string.Join(", ", Enumerable.Range(0, ids.Count).Select(i => $"@id{i}"))})"), row));

        var details = parts.HasFlag(OrganizationParts.Details);
        var loading = new Dictionary<long, Loading>(ids.Count);
        Read(details ? OrganizationsSql : NarrowOrganizationsSql, "id", r => loading[r.GetInt64(0)] = ReadOrganization(r, details));
        Loading? Of(DbDataReader r) => loading.GetValueOrDefault(r.GetInt64(0));

        if (parts.HasFlag(OrganizationParts.Types))
            Read("SELECT organization_id, type FROM organization_types WHERE @ids ORDER BY organization_id, type", "organization_id",
                r => { if (Of(r) is { } o) (o.Types ??= []).Add(r.GetString(1)); });
        if (parts.HasFlag(OrganizationParts.Locations))
            Read("""
                SELECT organization_id, street, locality, region, postcode, country, latitude, longitude
                FROM locations WHERE @ids ORDER BY organization_id, position
                """, "organization_id",
                r => { if (Of(r) is { } o) (o.Locations ??= []).Add(new Location(Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Real(r, 6), Real(r, 7))); });
        if (parts.HasFlag(OrganizationParts.Identifiers))
            Read("SELECT organization_id, scheme, value FROM identifiers WHERE @ids ORDER BY organization_id, scheme, value", "organization_id",
                r => { if (Of(r) is { } o) (o.Identifiers ??= []).Add(new Identifier(r.GetString(1), r.GetString(2))); });
        if (parts.HasFlag(OrganizationParts.Classifications))
            Read("SELECT organization_id, scheme, code FROM classifications WHERE @ids ORDER BY organization_id, scheme, code", "organization_id",
                r => { if (Of(r) is { } o) (o.Classifications ??= []).Add(new Classification(r.GetString(1), r.GetString(2))); });
        if (parts.HasFlag(OrganizationParts.Relationships))
        {
            const string columns = "r.id, r.type, r.subject_id, r.object_id, r.start_date, r.end_date, r.note, r.assertions";
            Read($"""
                SELECT r.subject_id, {columns}, o.name
                FROM relationships r JOIN organizations o ON o.id = r.object_id
                WHERE @ids ORDER BY r.subject_id, r.position
                """, "r.subject_id",
                r => { if (Of(r) is { } o) (o.Outgoing ??= []).Add(ReadRelationship(r, subjectName: o.Content.Name, objectName: r.GetString(9))); });
            Read($"""
                SELECT r.object_id, {columns}, s.name
                FROM relationships r JOIN organizations s ON s.id = r.subject_id
                WHERE @ids ORDER BY s.name_key, s.id, r.id
                """, "r.object_id",
                r => { if (Of(r) is { } o) (o.Incoming ??= []).Add(ReadRelationship(r, subjectName: r.GetString(9), objectName: o.Content.Name)); });
        }
        await RunAsync(connection, reads, dense ? [("@first", first), ("@last", last)] : ids.Select((id, i) => ($"@id{i}", id)).ToList());
        if (loading.Count == 0) return [];
        var sources = (await SourceRegistry.AllAsync(connection)).ToDictionary(s => s.Id);

        var organizations = new List<Organization>(loading.Count);
        foreach (var id in ids)
            if (loading.TryGetValue(id, out var o)) organizations.Add(Finish(o, sources));
        return parts.HasFlag(OrganizationParts.Provenance) ? await Sources.RecordProvenance.AddAsync(connection, organizations) : organizations;
    }

    /// <summary>
    /// Runs the reads in order, each row handed to its reader. On PostgreSQL they go as one batch, in
    /// one round trip (a page's record is read with eight statements); SQLite, in-process, runs them one by one.
    /// </summary>
    private static async Task RunAsync(DbConnection connection, List<(string Sql, Action<DbDataReader> Row)> reads, IReadOnlyList<(string Name, long Value)> values)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            foreach (var (sql, _) in reads)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in values)
                {
                    var parameter = command.CreateParameter();
                    (parameter.ParameterName, parameter.Value) = (name, value);
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await using var results = await batch.ExecuteReaderAsync();
            foreach (var (_, row) in reads)
            {
                while (await results.ReadAsync()) row(results);
                await results.NextResultAsync();
            }
            return;
        }
        foreach (var (sql, row) in reads)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in values) Add(command, name, value);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) row(reader);
        }
    }

    private static Loading ReadOrganization(DbDataReader r, bool details)
    {
        var content = new OrganizationContent
        {
            Name = r.GetString(2),
            Kind = r.GetString(3),
            Status = r.GetString(4),
            SourceId = r.IsDBNull(5) ? null : r.GetInt64(5),
            SourceRecordId = Text(r, 6),
        };
        if (!details) return new Loading { Id = r.GetInt64(0), Slug = r.GetString(1), Content = content };
        int? members = Integer(r, 15), workers = Integer(r, 16), employees = Integer(r, 17), year = Integer(r, 18);
        return new Loading
        {
            Id = r.GetInt64(0),
            Slug = r.GetString(1),
            Content = content with
            {
                AlternateNames = Names(r.GetString(7)),
                Sector = Text(r, 8),
                Description = Text(r, 9),
                DescriptionsByLanguage = r.IsDBNull(22) ? [] : JsonSerializer.Deserialize<List<LanguageText>>(r.GetString(22), Snapshots.Options) ?? [],
                Solution = r.IsDBNull(25) ? null : JsonSerializer.Deserialize<Solutions.SolutionFacts>(r.GetString(25), Snapshots.Options),
                FoundedOn = Text(r, 10),
                DissolvedOn = Text(r, 11),
                Website = Text(r, 12),
                Email = Text(r, 13),
                Phone = Text(r, 14),
                Counts = members is null && workers is null && employees is null && year is null
                    ? null
                    : new MembershipCounts(members, workers, employees, year),
            },
            CreatedAt = Timestamp(r.GetString(19)),
            UpdatedAt = Timestamp(r.GetString(20)),
            Revision = r.GetInt32(21),
            ConfirmedAt = Text(r, 23),
            ConfirmedBy = Text(r, 24),
        };
    }

    private static Organization Finish(Loading o, Dictionary<long, SourceInfo> sources)
    {
        var c = o.Content;
        var source = c.SourceId is { } sourceId && sources.TryGetValue(sourceId, out var s) ? s with { RecordId = c.SourceRecordId } : null;
        var outgoing = o.Outgoing ?? [];
        var relationships = new List<Relationship>(outgoing.Count);
        foreach (var r in outgoing) relationships.Add(new Relationship(r.Id, r.Type, r.ObjectId, r.Assertions, r.StartDate, r.EndDate, r.Note));
        var content = c with
        {
            Types = o.Types ?? [],
            Locations = o.Locations ?? [],
            Identifiers = o.Identifiers ?? [],
            Classifications = o.Classifications ?? [],
            Relationships = relationships,
        };
        IReadOnlyList<RelationshipView> views = o.Incoming is null ? outgoing : [.. outgoing, .. o.Incoming];
        return new Organization(o.Id, o.Slug, content, source, views, o.CreatedAt, o.UpdatedAt, o.Revision)
        {
            ConfirmedAt = o.ConfirmedAt,
            ConfirmedBy = o.ConfirmedBy,
        };
    }

    // Columns from 1: id, type, subject_id, object_id, start_date, end_date, note, assertions.
    private static RelationshipView ReadRelationship(DbDataReader r, string subjectName, string objectName)
    {
        var assertions = Snapshots.AssertionsFromJson(r.GetString(8));
        return new RelationshipView(r.GetInt64(1), r.GetString(2), r.GetInt64(3), subjectName, r.GetInt64(4), objectName,
            Text(r, 5), Text(r, 6), Text(r, 7), RelationshipStatus.Of(assertions), assertions);
    }

    // Most records have no other names; "[]" is not worth a JSON parse.
    private static IReadOnlyList<string> Names(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    // Stored times are written with "O"; anything else (an older or hand-edited row) still parses the slow way.
    private static DateTimeOffset Timestamp(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Integer(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
