using System.Data.Common;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Dapper;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Reads organizations into <see cref="SearchColumns"/>: all of them, or the ones a set of revisions
/// named, with the relationships each holds as their subject. Rows are streamed off plain data
/// readers, never held: at a million organizations a buffered, mapped read would take several times
/// the memory and time that the columns need.
/// </summary>
internal static class ColumnsLoader
{
    private const int Batch = 500;

    /// <summary>Every change is a revision, and revision ids only grow: the newest one says whether anything changed.</summary>
    public static async Task<long> VersionAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM revisions") ?? 0;

    /// <param name="version">The newest revision id, read before: a change made while the rows are read is read again by the next search.</param>
    public static async Task<SearchColumns> LoadAllAsync(DbConnection connection, long version)
    {
        var columns = new SearchColumns { Version = version };
        var (maxId, organizations, locations, relationships) = await connection.QuerySingleAsync<(long?, long, long, long)>("""
            SELECT (SELECT max(id) FROM organizations), (SELECT count(*) FROM organizations), (SELECT count(*) FROM locations),
                (SELECT count(*) FROM relationships)
            """);
        columns.Reserve(maxId ?? 0, organizations, locations, relationships);
        await ReadAsync(connection, columns, "", []);
        NameOrder.Rank(columns, await NameOrder.ReadAllAsync(connection));
        columns.TrimExcess();
        return columns;
    }

    /// <summary>
    /// The organizations that revisions after the columns' version named, read into memory to be
    /// applied at once (<see cref="ColumnChanges.ApplyTo"/>): nothing waits on the database while the columns change.
    /// </summary>
    public static async Task<ColumnChanges> ReadChangesAsync(DbConnection connection, SearchColumns columns, long version)
    {
        var changed = (await connection.QueryAsync<long>("SELECT DISTINCT organization_id FROM revisions WHERE id > @from AND id <= @to",
            new { from = columns.Version, to = version })).AsList();
        var rows = new ColumnChanges(changed, version);
        foreach (var chunk in changed.Chunk(Batch))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"@id{i}"));
            await ReadAsync(connection, rows, $" WHERE {{0}} IN ({names})", chunk);
        }
        rows.Placements = await NameOrder.ReadPlacementsAsync(connection, rows.Present);
        return rows;
    }

    // where: "" or " WHERE {0} IN (@id0, ...)" with {0} the organization id's column.
    private static async Task ReadAsync(DbConnection connection, IColumnRows into, string where, IReadOnlyList<long> ids)
    {
        await ForEachAsync(connection, "SELECT id, kind, sector, completeness, search_name, search_head, confirmed_at FROM organizations" + string.Format(where, "id"), ids,
            reader => into.SetOrganization(reader.GetInt64(0), reader.GetString(1), Text(reader, 2),
                Convert.ToInt32(reader.GetValue(3)), reader.GetString(4), reader.GetString(5), Freshness.Day(Text(reader, 6)) ?? 0));
        await ForEachAsync(connection, "SELECT organization_id, type FROM organization_types" + string.Format(where, "organization_id"), ids,
            reader => into.AddType(reader.GetInt64(0), reader.GetString(1)));
        var places = new List<LocationColumnRow>();
        await ForEachAsync(connection, $"""
            SELECT organization_id, country, region, locality, latitude, longitude FROM locations{string.Format(where, "organization_id")}
            ORDER BY organization_id, position
            """, ids, reader =>
        {
            var place = new LocationColumnRow(reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5));
            if (places.Count > 0 && places[0].OrganizationId != place.OrganizationId)
            {
                into.SetLocations(places[0].OrganizationId, places);
                places = [];
            }
            places.Add(place);
        });
        if (places.Count > 0) into.SetLocations(places[0].OrganizationId, places);
        var links = new List<LinkColumnRow>();
        await ForEachAsync(connection, $"""
            SELECT subject_id, object_id, type, status FROM relationships{string.Format(where, "subject_id")}
            ORDER BY subject_id, position
            """, ids, reader =>
        {
            var link = new LinkColumnRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), Status(reader.GetString(3)));
            if (links.Count > 0 && links[0].SubjectId != link.SubjectId)
            {
                into.SetLinks(links[0].SubjectId, links);
                links = [];
            }
            links.Add(link);
        });
        if (links.Count > 0) into.SetLinks(links[0].SubjectId, links);
    }

    // Millions of rows at a full load: a look-up, not a parse.
    private static readonly Dictionary<string, RelationshipStatusCode> Statuses =
        Enum.GetValues<RelationshipStatusCode>().ToDictionary(RelationshipText.Of, StringComparer.Ordinal);

    private static RelationshipStatusCode Status(string text) =>
        Statuses.TryGetValue(text, out var status) ? status : throw new InvalidOperationException($"unknown relationship status '{text}' in the database");

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    internal static async Task ForEachAsync(DbConnection connection, string sql, IReadOnlyList<long> ids, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < ids.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"id{i}";
            parameter.Value = ids[i];
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
}

/// <summary>Where an organization's rows go as they are read: straight into columns being built, or into <see cref="ColumnChanges"/>.</summary>
internal interface IColumnRows
{
    void SetOrganization(long organizationId, string kind, string? sector, int completeness, string searchName, string searchHead, int confirmedDay);
    void AddType(long id, string type);
    void SetLocations(long id, IReadOnlyList<LocationColumnRow> places);
    void SetLinks(long subjectId, IReadOnlyList<LinkColumnRow> links);
}

/// <summary>The rows of changed organizations, read ahead, and where each goes in name order.</summary>
internal sealed class ColumnChanges(IReadOnlyList<long> changed, long version) : IColumnRows
{
    private readonly List<Action<SearchColumns>> writes = [];
    private readonly List<long> present = [];

    /// <summary>The changed organizations that still exist.</summary>
    public IReadOnlyList<long> Present => present;

    /// <summary>See <see cref="NameOrder.ReadPlacementsAsync"/>.</summary>
    public NameOrder.Placements Placements { get; set; } = NameOrder.Placements.None;

    public void SetOrganization(long organizationId, string kind, string? sector, int completeness, string searchName, string searchHead, int confirmedDay)
    {
        present.Add(organizationId);
        writes.Add(c => c.SetOrganization(organizationId, kind, sector, completeness, searchName, searchHead, confirmedDay));
    }

    public void AddType(long id, string type) => writes.Add(c => c.AddType(id, type));

    public void SetLocations(long id, IReadOnlyList<LocationColumnRow> places) => writes.Add(c => c.SetLocations(id, places));

    public void SetLinks(long subjectId, IReadOnlyList<LinkColumnRow> links) => writes.Add(c => c.SetLinks(subjectId, links));

    /// <summary>The name order after these changes, or null when it must be read afresh (<see cref="NameOrder.ReadAllAsync"/>).</summary>
    public List<long>? PlanNameOrder(SearchColumns columns) => NameOrder.Plan(columns, changed, Placements);

    /// <summary>Rewrites the changed organizations and ranks them all by <paramref name="nameOrder"/>, in one go.</summary>
    public void ApplyTo(SearchColumns columns, IReadOnlyList<long> nameOrder)
    {
        foreach (var id in changed) columns.Remove(id);
        foreach (var write in writes) write(columns);
        NameOrder.Rank(columns, nameOrder);
        if (columns.Moved.Count > SearchColumns.MaxMoved) columns.ForgetMoves();
        columns.Version = version;
    }
}
