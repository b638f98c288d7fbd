using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Every order ends with "name_key, id". Rather than compare names in memory (which would have to
/// copy the database's collation and hold every name), the database sorts them once and each
/// organization keeps its position (<see cref="SearchColumns.NameRank"/>). After a few changes,
/// each changed organization is placed after the one the database says comes just before it.
/// </summary>
internal static class NameOrder
{
    // Past this many changed organizations, one sorted read of all names is quicker than one look-up each.
    private const int MaxPlacedOneByOne = 500;

    /// <summary>Changed organizations in the database's name order, each with the one just before it; null when too many to place one by one.</summary>
    public sealed record Placements(IReadOnlyList<(long Id, long? Before)>? InOrder)
    {
        public static readonly Placements None = new([]);
    }

    public static async Task<List<long>> ReadAllAsync(DbConnection connection)
    {
        var ids = new List<long>();
        await ColumnsLoader.ForEachAsync(connection, "SELECT id FROM organizations ORDER BY name_key, id", [], reader => ids.Add(reader.GetInt64(0)));
        return ids;
    }

    public static async Task<Placements> ReadPlacementsAsync(DbConnection connection, IReadOnlyList<long> present)
    {
        if (present.Count > MaxPlacedOneByOne) return new Placements(null);
        if (present.Count == 0) return Placements.None;
        var parameters = new DynamicParameters();
        var rows = (await connection.QueryAsync<(long Id, string NameKey)>(
            $"SELECT id, name_key FROM organizations WHERE {Data.SqlList.In("id", "id", present, parameters)} ORDER BY name_key, id", parameters)).AsList();
        var placements = new List<(long, long?)>(rows.Count);
        foreach (var (id, nameKey) in rows)
        {
            placements.Add((id, await connection.ExecuteScalarAsync<long?>(
                "SELECT id FROM organizations WHERE (name_key, id) < (@nameKey, @id) ORDER BY name_key DESC, id DESC LIMIT 1",
                new { nameKey, id })));
        }
        return new Placements(placements);
    }

    /// <summary>
    /// The new name order, from the columns' order and where each changed organization goes; null when
    /// some cannot be placed (too many, or one written after these columns were read): sort afresh.
    /// Reads the columns without changing them.
    /// </summary>
    public static List<long>? Plan(SearchColumns columns, IReadOnlyList<long> changed, Placements placements)
    {
        if (changed.Count == 0) return columns.ByName.Select(id => (long)id).ToList();
        if (placements.InOrder is not { } inOrder) return null;
        var moving = changed.ToHashSet();
        var kept = columns.ByName.Where(id => !moving.Contains(id)).ToList();
        var keptIndex = new Dictionary<long, int>(kept.Count);
        for (var i = 0; i < kept.Count; i++) keptIndex[kept[i]] = i;

        var placed = new Dictionary<long, int>();
        var inserts = new List<(int After, long Id)>();
        // In name order, so that a changed organization's predecessor, when also changed, is already placed.
        foreach (var (id, before) in inOrder)
        {
            int after;
            if (before is null) after = -1;
            else if (placed.TryGetValue(before.Value, out var anchor)) after = anchor;
            else if (keptIndex.TryGetValue(before.Value, out var index)) after = index;
            else return null;
            // Renamed again between the two reads: the anchors no longer follow the database's order.
            if (inserts.Count > 0 && after < inserts[^1].After) return null;
            placed[id] = after;
            inserts.Add((after, id));
        }

        // Anchors never decrease along the database's order, so one merge puts everything in place.
        var order = new List<long>(kept.Count + inserts.Count);
        var next = 0;
        for (var i = -1; i < kept.Count; i++)
        {
            if (i >= 0) order.Add(kept[i]);
            while (next < inserts.Count && inserts[next].After == i) order.Add(inserts[next++].Id);
        }
        return order;
    }

    // Organizations the read did not list (removed meanwhile, or newer than the columns) go last.
    public static void Rank(SearchColumns columns, IEnumerable<long> order)
    {
        Array.Fill(columns.NameRank, -1);
        var byName = new List<int>(columns.Count);
        foreach (var id in order)
        {
            if (!columns.Has(id) || columns.NameRank[id] >= 0) continue;
            columns.NameRank[id] = byName.Count;
            byName.Add((int)id);
        }
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0 || columns.NameRank[id] >= 0) continue;
            columns.NameRank[id] = byName.Count;
            byName.Add(id);
        }
        columns.ByName = byName.ToArray();
    }
}
