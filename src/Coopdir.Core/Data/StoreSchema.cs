using System.Data.Common;

namespace Coopdir.Core.Data;

/// <summary>
/// What tables a store holds, their columns and the order that respects foreign keys; read from the
/// database itself (through the store's own catalog queries), so that copying a directory needs no
/// list kept by hand.
/// </summary>
internal static class StoreSchema
{
    // Columns a store derives from the others (PostgreSQL's search document); rebuilt, not copied.
    private static readonly string[] Derived = ["search_document"];

    public static async Task<IReadOnlyList<string>> TablesInDependencyOrderAsync(Store store, DbConnection connection)
    {
        var tables = await store.TableNamesAsync(connection);
        var references = new Dictionary<string, List<string>>();
        foreach (var table in tables)
            references[table] = (await store.ReferencedTablesAsync(connection, table)).Where(r => r != table && tables.Contains(r)).ToList();
        var ordered = new List<string>();
        void Visit(string table, HashSet<string> visiting)
        {
            if (ordered.Contains(table) || !visiting.Add(table)) return;
            foreach (var referenced in references[table]) Visit(referenced, visiting);
            ordered.Add(table);
        }
        foreach (var table in tables.Order(StringComparer.Ordinal)) Visit(table, []);
        return ordered;
    }

    public static async Task<IReadOnlyList<string>> ColumnsAsync(Store store, DbConnection connection, string table) =>
        (await store.ColumnNamesAsync(connection, table)).Where(c => !Derived.Contains(c)).ToList();
}
