using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data;

/// <summary>
/// Versioned schema scripts, embedded as Data/Migrations/Sqlite/NNNN_name.sql and applied in
/// order, each in its own transaction together with its row in schema_migrations.
/// </summary>
public static class Migrations
{
    private const string ResourcePrefix = "Coopdir.Core.Data.Migrations.Sqlite.";

    public static IReadOnlyList<(int Version, string Name)> Available { get; } = LoadScripts()
        .Select(s => (s.Version, s.Name)).ToList();

    public static void Apply(SqliteConnection connection)
    {
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )
            """);
        var applied = connection.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var script in LoadScripts().Where(s => !applied.Contains(s.Version)))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(script.Sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { script.Version, script.Name, At = DateTime.UtcNow.ToString("O") },
                transaction);
            transaction.Commit();
        }
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[ResourcePrefix.Length..^".sql".Length];
                var version = int.Parse(file[..file.IndexOf('_')]);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (version, file, reader.ReadToEnd());
            })
            .OrderBy(s => s.version);
    }
}
