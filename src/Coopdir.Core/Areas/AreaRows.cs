using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Areas;

/// <summary>What a load of areas did.</summary>
public sealed record AreaLoadReport(int Added, int Updated, int Unchanged, int Aliases);

/// <summary>
/// The areas tables: written by loading division lists (and by editors adding an area OCD lacks), read
/// whole into an <see cref="AreaGazetteer"/>; every look-up goes through that.
/// </summary>
public static class AreaRows
{
    /// <summary>Adds the areas and aliases, and updates those already held (by id), in one write; removes none.</summary>
    public static async Task<AreaLoadReport> LoadAsync(Store store, AreaList list, DateTimeOffset now)
    {
        await using var session = await store.BeginWriteAsync(bulk: true);
        var report = await LoadAsync(session, list, now);
        await session.CommitAsync();
        return report;
    }

    public static async Task<bool> AnyAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM areas LIMIT 1) AS one") > 0;

    private static async Task<AreaLoadReport> LoadAsync(WriteSession session, AreaList list, DateTimeOffset now)
    {
        var held = (await session.QueryAsync<Area>(
                "SELECT id AS Id, name AS Name, level AS Level, parent_id AS ParentId, source AS Source, valid_from AS ValidFrom, valid_through AS ValidThrough FROM areas"))
            .ToDictionary(a => a.Id, StringComparer.Ordinal);
        var at = now.UtcDateTime.ToString("O");
        var insert = session.Command("""
            INSERT INTO areas (id, name, level, parent_id, source, valid_from, valid_through, loaded_at)
            VALUES (@id, @name, @level, @parent, @source, @from, @through, @at)
            """, "@id", "@name", "@level", "@parent", "@source", "@from", "@through", "@at");
        var update = session.Command("""
            UPDATE areas SET name = @name, level = @level, parent_id = @parent, source = @source,
                valid_from = @from, valid_through = @through, loaded_at = @at WHERE id = @id
            """, "@id", "@name", "@level", "@parent", "@source", "@from", "@through", "@at");
        var (added, updated, unchanged) = (0, 0, 0);
        foreach (var area in list.Areas)
        {
            var values = new object?[] { area.Id, area.Name, area.Level, area.ParentId, area.Source, area.ValidFrom, area.ValidThrough, at };
            if (!held.TryGetValue(area.Id, out var before)) { await insert.QueueAsync(values); added++; }
            else if (before != area) { await update.QueueAsync(values); updated++; }
            else unchanged++;
        }
        var alias = session.Command(session.Store.Kind == StoreKind.Postgres
            ? "INSERT INTO area_aliases (alias_id, area_id, note) VALUES (@alias, @area, @note) ON CONFLICT (alias_id) DO UPDATE SET area_id = excluded.area_id, note = excluded.note"
            : "INSERT OR REPLACE INTO area_aliases (alias_id, area_id, note) VALUES (@alias, @area, @note)", "@alias", "@area", "@note");
        foreach (var a in list.Aliases) await alias.QueueAsync(a.AliasId, a.AreaId, a.Note);
        await session.ExecuteAsync("INSERT INTO area_loads (loaded_at) VALUES (@at)", new { at });
        await session.SendAsync();
        return new AreaLoadReport(added, updated, unchanged, list.Aliases.Count);
    }

    /// <summary>Everything a gazetteer holds, read at once.</summary>
    internal static async Task<(List<Area> Areas, List<AreaAlias> Aliases, List<(string AreaId, string Name)> Names)> ReadAllAsync(DbConnection connection)
    {
        var areas = (await connection.QueryAsync<Area>(
            "SELECT id AS Id, name AS Name, level AS Level, parent_id AS ParentId, source AS Source, valid_from AS ValidFrom, valid_through AS ValidThrough FROM areas")).ToList();
        var aliases = (await connection.QueryAsync<AreaAlias>("SELECT alias_id AS AliasId, area_id AS AreaId, note AS Note FROM area_aliases")).ToList();
        var names = (await connection.QueryAsync<(string, string)>("SELECT area_id, name FROM area_names")).ToList();
        return (areas, aliases, names);
    }

    /// <summary>Changes whenever areas are loaded: what a cached gazetteer compares, one indexed read per request.</summary>
    internal static async Task<long> VersionAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM area_loads") ?? 0;
}
