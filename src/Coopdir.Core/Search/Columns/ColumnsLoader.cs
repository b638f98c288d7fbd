using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Search.Columns;

/// <summary>Reads organizations into <see cref="SearchColumns"/>: all of them, or the ones a set of revisions named.</summary>
internal static class ColumnsLoader
{
    private const int Batch = 500;

    /// <summary>Every change is a revision, and revision ids only grow: the newest one says whether anything changed.</summary>
    public static long Version(DbConnection connection) =>
        connection.ExecuteScalar<long?>("SELECT max(id) FROM revisions") ?? 0;

    // Rows are streamed, never held: at a million organizations a buffered read would briefly take
    // several times the memory that the columns themselves keep.
    public static SearchColumns LoadAll(DbConnection connection, Func<string, string> placeGroupKey)
    {
        var columns = new SearchColumns(placeGroupKey) { Version = Version(connection) };
        foreach (var row in connection.Query<OrganizationColumnRow>(OrganizationSql, buffered: false)) columns.SetOrganization(row);
        ReadTypesAndLocations(connection, columns, "", new DynamicParameters());
        NameOrder.LoadAll(connection, columns);
        return columns;
    }

    /// <summary>The organizations that revisions after the columns' version named, read again (or removed).</summary>
    public static void Update(DbConnection connection, SearchColumns columns, long version)
    {
        var changed = connection.Query<long>("SELECT DISTINCT organization_id FROM revisions WHERE id > @from AND id <= @to",
            new { from = columns.Version, to = version }).ToList();
        var present = new List<long>();
        foreach (var chunk in changed.Chunk(Batch))
        {
            var parameters = new DynamicParameters();
            var rows = connection.Query<OrganizationColumnRow>($"{OrganizationSql} WHERE {SqlList.In("id", "id", chunk, parameters)}", parameters).ToList();
            var found = rows.Select(r => r.Id).ToHashSet();
            foreach (var id in chunk.Where(id => !found.Contains(id))) columns.Remove(id);
            foreach (var row in rows) columns.SetOrganization(row);
            ReadTypesAndLocations(connection, columns, $" WHERE {SqlList.In("organization_id", "id", chunk, new DynamicParameters())}", parameters);
            present.AddRange(found);
        }
        NameOrder.Update(connection, columns, changed, present);
        columns.Version = version;
    }

    private static void ReadTypesAndLocations(DbConnection connection, SearchColumns columns, string where, DynamicParameters parameters)
    {
        foreach (var type in connection.Query<TypeColumnRow>(
            $"SELECT organization_id AS OrganizationId, type AS Type FROM organization_types{where}", parameters, buffered: false))
            columns.AddType(type.OrganizationId, type.Type);
        var places = new List<LocationColumnRow>();
        foreach (var place in connection.Query<LocationColumnRow>($"{LocationSql}{where} ORDER BY organization_id, position", parameters, buffered: false))
        {
            if (places.Count > 0 && places[0].OrganizationId != place.OrganizationId)
            {
                columns.SetLocations(places[0].OrganizationId, places);
                places.Clear();
            }
            places.Add(place);
        }
        if (places.Count > 0) columns.SetLocations(places[0].OrganizationId, places);
    }

    private const string OrganizationSql =
        "SELECT id AS Id, kind AS Kind, sector AS Sector, completeness AS Completeness, search_name AS SearchName, search_head AS SearchHead FROM organizations";

    private const string LocationSql = """
        SELECT organization_id AS OrganizationId, position AS Position, country AS Country, region AS Region,
               locality AS Locality, latitude AS Latitude, longitude AS Longitude FROM locations
        """;
}
