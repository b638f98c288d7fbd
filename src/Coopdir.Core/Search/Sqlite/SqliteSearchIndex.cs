using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>The FTS5 row and the R*Tree boxes of one organization.</summary>
public sealed class SqliteSearchIndex : SqlSearchIndex
{
    public override void Remove(DbConnection connection, DbTransaction transaction, long id) =>
        connection.Execute("""
            DELETE FROM locations_rtree WHERE id IN (SELECT id FROM locations WHERE organization_id = @id);
            DELETE FROM organization_search WHERE rowid = @id;
            """, new { id }, transaction);

    protected override void AddText(DbConnection connection, DbTransaction transaction, long id, SearchDocument document)
    {
        connection.Execute("""
            INSERT INTO locations_rtree (id, min_lon, max_lon, min_lat, max_lat)
            SELECT id, longitude, longitude, latitude, latitude FROM locations
            WHERE organization_id = @id AND latitude IS NOT NULL AND longitude IS NOT NULL
            """, new { id }, transaction);
        connection.Execute("INSERT INTO organization_search (rowid, document) VALUES (@id, @Text)", new { id, document.Text }, transaction);
    }
}
