using System.Reflection;
using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Data;

/// <summary>
/// Versioned schema scripts, embedded as Data/Migrations/{Sqlite,Postgres}/NNNN_name.sql and
/// applied in order, each in its own transaction together with its row in schema_migrations.
/// Both stores have the same versions, so a directory can move between them.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<(int Version, string Name)> Available(StoreKind kind) =>
        LoadScripts(kind).Select(s => (s.Version, s.Name)).ToList();

    /// <summary>Applies what is pending (up to <paramref name="upTo"/>, for tests of a migration) and returns the versions it applied.</summary>
    public static async Task<List<int>> ApplyAsync(DbConnection connection, StoreKind kind, int upTo = int.MaxValue)
    {
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )
            """);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        var now = new List<int>();
        foreach (var script in LoadScripts(kind).Where(s => !applied.Contains(s.Version) && s.Version <= upTo))
        {
            // Another process starting on the same new SQLite file may have applied it meanwhile: the
            // transaction takes the write lock first (BEGIN IMMEDIATE), then looks again. (PostgreSQL's
            // migrations are serialised by an advisory lock around all of them.)
            await using var transaction = await connection.BeginTransactionAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction) > 0)
                continue;
            await connection.ExecuteAsync(script.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { script.Version, script.Name, At = DateTime.UtcNow.ToString("O") },
                transaction);
            await transaction.CommitAsync();
            now.Add(script.Version);
        }
        return now;
    }

    /// <summary>The versions not yet applied, without writing anything (a read-only store has nothing else to go on).</summary>
    public static async Task<List<int>> PendingAsync(DbConnection connection, StoreKind kind)
    {
        var exists = kind == StoreKind.Sqlite
            ? await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'") > 0
            : await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL");
        var applied = exists ? (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet() : [];
        return LoadScripts(kind).Select(s => s.Version).Where(v => !applied.Contains(v)).ToList();
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LoadScripts(StoreKind kind)
    {
        var prefix = $"Coopdir.Core.Data.Migrations.{kind}.";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^".sql".Length];
                var version = int.Parse(file[..file.IndexOf('_')]);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (version, file, reader.ReadToEnd());
            })
            .OrderBy(s => s.version);
    }
}
