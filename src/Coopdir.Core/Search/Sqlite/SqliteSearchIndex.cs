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
        // Read, then inserted value by value: INSERT INTO a virtual table ... SELECT goes through a
        // temporary table on every run, which costs several times the R*Tree insert itself.
        var boxes = new List<(long Id, double Longitude, double Latitude)>();
        using (var located = commands.For("""
            SELECT id, longitude, latitude FROM locations
            WHERE organization_id = @id AND latitude IS NOT NULL AND longitude IS NOT NULL
            """, "@id").Read(id))
        {
            while (located.Read()) boxes.Add((located.GetInt64(0), located.GetDouble(1), located.GetDouble(2)));
        }
        var insertBox = commands.For("INSERT INTO locations_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (@id, @lon, @lon, @lat, @lat)",
            "@id", "@lon", "@lat");
        foreach (var box in boxes) insertBox.Execute(box.Id, box.Longitude, box.Latitude);
        commands.For("INSERT INTO organization_search (rowid, document) VALUES (@id, @Text)", "@id", "@Text").Execute(id, document.Text);
    }
}
