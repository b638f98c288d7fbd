using System.Data.Common;
using Coopdir.Core.Data;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>The FTS5 row and the R*Tree boxes of one organization.</summary>
public sealed class SqliteSearchIndex : SqlSearchIndex
{
    public override void Remove(DbConnection connection, DbTransaction transaction, long id) =>
        TransactionCommands.Of(transaction).For("""
            DELETE FROM locations_rtree WHERE id IN (SELECT id FROM locations WHERE organization_id = @id);
            DELETE FROM organization_search WHERE rowid = @id;
            """, "@id").Execute(id);

    protected override void AddText(DbConnection connection, DbTransaction transaction, long id, SearchDocument document)
    {
        var commands = TransactionCommands.Of(transaction);
        commands.For("""
            INSERT INTO locations_rtree (id, min_lon, max_lon, min_lat, max_lat)
            SELECT id, longitude, longitude, latitude, latitude FROM locations
            WHERE organization_id = @id AND latitude IS NOT NULL AND longitude IS NOT NULL
            """, "@id").Execute(id);
        commands.For("INSERT INTO organization_search (rowid, document) VALUES (@id, @Text)", "@id", "@Text").Execute(id, document.Text);
    }
}
