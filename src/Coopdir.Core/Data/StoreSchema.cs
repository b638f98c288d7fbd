using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Data;

/// <summary>
/// What tables a store holds, their columns and the order that respects foreign keys; read from the
/// database itself, so that copying a directory needs no list kept by hand.
/// </summary>
public static class StoreSchema
{
    // The schema version is checked, not copied; search indexes (SQLite's virtual tables) are rebuilt.
    private const string SchemaVersions = "schema_migrations";

    // Columns a store derives from the others (PostgreSQL's search document); rebuilt, not copied.
    private static readonly string[] Derived = ["search_document"];

    public static IReadOnlyList<string> TablesInDependencyOrder(DbConnection connection, StoreKind kind)
    {
        var tables = Tables(connection, kind);
        var references = tables.ToDictionary(t => t, t => ReferencedTables(connection, kind, t).Where(r => r != t && tables.Contains(r)).ToList());
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

    public static IReadOnlyList<string> Columns(DbConnection connection, StoreKind kind, string table) => (kind == StoreKind.Sqlite
        ? connection.Query<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table })
        : connection.Query<string>("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
            """, new { table }))
        .Where(c => !Derived.Contains(c)).ToList();

    private static List<string> Tables(DbConnection connection, StoreKind kind)
    {
        if (kind == StoreKind.Postgres)
            return connection.Query<string>("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> @SchemaVersions
                """, new { SchemaVersions }).ToList();

        var names = connection.Query<string>("""
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name <> @SchemaVersions
            """, new { SchemaVersions }).ToList();
        // A virtual table keeps its data in shadow tables named after it (organization_search_data...).
        var virtualTables = connection.Query<string>("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'").ToList();
        return names.Where(n => !virtualTables.Any(v => n.StartsWith(v + "_", StringComparison.Ordinal))).ToList();
    }

    private static IEnumerable<string> ReferencedTables(DbConnection connection, StoreKind kind, string table) => kind == StoreKind.Sqlite
        ? connection.Query<string>("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@table)", new { table })
        : connection.Query<string>("""
            SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = @table
            """, new { table });
}
