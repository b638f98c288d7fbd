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

    public static void LoadAll(DbConnection connection, SearchColumns columns)
    {
        var ids = new List<long>();
        ColumnsLoader.ForEach(connection, "SELECT id FROM organizations ORDER BY name_key, id", [], reader => ids.Add(reader.GetInt64(0)));
        Rank(columns, ids);
    }

    public static void Update(DbConnection connection, SearchColumns columns, IReadOnlyList<long> changed, IReadOnlyList<long> present)
    {
        if (changed.Count == 0) return;
        if (present.Count > MaxPlacedOneByOne || !TryPlace(connection, columns, changed, present)) LoadAll(connection, columns);
    }

    private static bool TryPlace(DbConnection connection, SearchColumns columns, IReadOnlyList<long> changed, IReadOnlyList<long> present)
    {
        var moving = changed.ToHashSet();
        var kept = columns.ByName.Where(id => !moving.Contains(id)).ToList();
        var keptIndex = new Dictionary<long, int>(kept.Count);
        for (var i = 0; i < kept.Count; i++) keptIndex[kept[i]] = i;

        var placed = new Dictionary<long, int>();
        var inserts = new List<(int After, long Id)>();
        // In name order, so that a changed organization's predecessor, when also changed, is already placed.
        foreach (var (id, nameKey) in InDatabaseOrder(connection, present))
        {
            var before = connection.ExecuteScalar<long?>(
                "SELECT id FROM organizations WHERE (name_key, id) < (@nameKey, @id) ORDER BY name_key DESC, id DESC LIMIT 1",
                new { nameKey, id });
            int after;
            if (before is null) after = -1;
            else if (placed.TryGetValue(before.Value, out var anchor)) after = anchor;
            else if (keptIndex.TryGetValue(before.Value, out var index)) after = index;
            else return false; // written after these columns were read: sort afresh
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
        Rank(columns, order);
        return true;
    }

    private static List<(long Id, string NameKey)> InDatabaseOrder(DbConnection connection, IReadOnlyList<long> ids)
    {
        var rows = new List<(long, string)>();
        // Never more than one chunk (MaxPlacedOneByOne), so the database sorts them all.
        foreach (var chunk in ids.Chunk(MaxPlacedOneByOne))
        {
            var parameters = new DynamicParameters();
            rows.AddRange(connection.Query<(long, string)>(
                $"SELECT id, name_key FROM organizations WHERE {Data.SqlList.In("id", "id", chunk, parameters)} ORDER BY name_key, id", parameters));
        }
        return rows;
    }

    // Organizations the read did not list (removed meanwhile, or newer than the columns) go last.
    private static void Rank(SearchColumns columns, IEnumerable<long> order)
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
