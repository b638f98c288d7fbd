using System.Data.Common;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>The FTS5 row and the R*Tree boxes of one organization.</summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    public void Remove(DbConnection connection, DbTransaction transaction, long id) =>
        connection.Execute("""
            DELETE FROM locations_rtree WHERE id IN (SELECT id FROM locations WHERE organization_id = @id);
            DELETE FROM organizations_fts WHERE rowid = @id;
            """, new { id }, transaction);

    public void Add(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content)
    {
        connection.Execute("""
            INSERT INTO locations_rtree (id, min_lon, max_lon, min_lat, max_lat)
            SELECT id, longitude, longitude, latitude, latitude FROM locations
            WHERE organization_id = @id AND latitude IS NOT NULL AND longitude IS NOT NULL
            """, new { id }, transaction);
        connection.Execute("""
            INSERT INTO organizations_fts (rowid, name, alternate_names, description, place)
            VALUES (@id, @name, @alternateNames, @description, @place)
            """, new
            {
                id,
                name = content.Name,
                alternateNames = string.Join(" | ", content.AlternateNames),
                description = content.Description ?? "",
                place = SearchText.Place(content),
            }, transaction);
    }
}
