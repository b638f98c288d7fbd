using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Reads organizations into <see cref="SearchColumns"/>: all of them, or the ones a set of revisions
/// named. Rows are streamed off plain data readers, never held: at a million organizations a
/// buffered, mapped read would take several times the memory and time that the columns need.
/// </summary>
internal static class ColumnsLoader
{
    private const int Batch = 500;

    /// <summary>Every change is a revision, and revision ids only grow: the newest one says whether anything changed.</summary>
    public static async Task<long> VersionAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM revisions") ?? 0;

    /// <param name="version">The newest revision id, read before: a change made while the rows are read is read again by the next search.</param>
    public static SearchColumns LoadAll(DbConnection connection, long version)
    {
        var columns = new SearchColumns { Version = version };
        var (maxId, organizations, locations) = connection.QuerySingle<(long?, long, long)>(
            "SELECT (SELECT max(id) FROM organizations), (SELECT count(*) FROM organizations), (SELECT count(*) FROM locations)");
        columns.Reserve(maxId ?? 0, organizations, locations);
        Read(connection, columns, "", []);
        NameOrder.LoadAll(connection, columns);
        columns.TrimExcess();
        return columns;
    }

    /// <summary>The organizations that revisions after the columns' version named, read again (or removed).</summary>
    public static void Update(DbConnection connection, SearchColumns columns, long version)
    {
        var changed = connection.Query<long>("SELECT DISTINCT organization_id FROM revisions WHERE id > @from AND id <= @to",
            new { from = columns.Version, to = version }).ToList();
        foreach (var id in changed) columns.Remove(id);
        foreach (var chunk in changed.Chunk(Batch))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"@id{i}"));
            Read(connection, columns, $" WHERE {{0}} IN ({names})", chunk);
        }
        NameOrder.Update(connection, columns, changed, changed.Where(columns.Has).ToList());
        if (columns.Moved.Count > SearchColumns.MaxMoved) columns.ForgetMoves();
        columns.Version = version;
    }

    // where: "" or " WHERE {0} IN (@id0, ...)" with {0} the organization id's column.
    private static void Read(DbConnection connection, SearchColumns columns, string where, IReadOnlyList<long> ids)
    {
        ForEach(connection, "SELECT id, kind, sector, completeness, search_name, search_head FROM organizations" + string.Format(where, "id"), ids,
            reader => columns.SetOrganization(reader.GetInt64(0), reader.GetString(1), Text(reader, 2),
                Convert.ToInt32(reader.GetValue(3)), reader.GetString(4), reader.GetString(5)));
        ForEach(connection, "SELECT organization_id, type FROM organization_types" + string.Format(where, "organization_id"), ids,
            reader => columns.AddType(reader.GetInt64(0), reader.GetString(1)));
        var places = new List<LocationColumnRow>();
        ForEach(connection, $"""
            SELECT organization_id, country, region, locality, latitude, longitude FROM locations{string.Format(where, "organization_id")}
            ORDER BY organization_id, position
            """, ids, reader =>
        {
            var place = new LocationColumnRow(reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5));
            if (places.Count > 0 && places[0].OrganizationId != place.OrganizationId)
            {
                columns.SetLocations(places[0].OrganizationId, places);
                places.Clear();
            }
            places.Add(place);
        });
        if (places.Count > 0) columns.SetLocations(places[0].OrganizationId, places);
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    internal static void ForEach(DbConnection connection, string sql, IReadOnlyList<long> ids, Action<DbDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < ids.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"id{i}";
            parameter.Value = ids[i];
            command.Parameters.Add(parameter);
        }
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }
}
