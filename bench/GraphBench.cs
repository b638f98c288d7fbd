using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Npgsql;

namespace Coopdir.Bench;

/// <summary>
/// --graph: generates a <see cref="GraphShape"/> of N organizations and M relationships, loads it into
/// a SQLite file (and with --postgres into a database of its own, coopdir_graph_bench, made afresh on
/// that server) and runs <see cref="GraphRuns"/> on each. With --reuse, only the runs, over what an
/// earlier --graph with the same sizes loaded (a busy machine's figures can be measured again).
/// </summary>
public static class GraphBench
{
    private const string Database = "coopdir_graph_bench";

    public static async Task RunAsync(int organizations, int relationships, string work, string? postgres, int perCategory, bool reuse,
        Dictionary<string, object> results, TextWriter log)
    {
        var path = Path.Combine(work, "graph.db");
        if (reuse)
        {
            var shapeOnly = new GraphShape(organizations);
            await GraphRuns.RunAsync(await new SqliteStore(path).MigrateAsync(), shapeOnly, organizations, "sqlite", perCategory, results, log);
            if (postgres is not null)
            {
                var existing = new NpgsqlConnectionStringBuilder(postgres) { Database = Database }.ConnectionString;
                await GraphRuns.RunAsync(await Store.For(existing).MigrateAsync(), shapeOnly, organizations, "postgres", perCategory, results, log);
            }
            return;
        }
        var clock = Stopwatch.StartNew();
        var shape = new GraphShape(organizations);
        var rows = shape.Relationships(relationships);
        results["relationships"] = rows.Count;
        results["networks"] = shape.NetworksBySize.Length;
        results["generate_s"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        log.WriteLine($"Generated {organizations:N0} organizations and {rows.Count:N0} relationships in {clock.Elapsed.TotalSeconds:0} s");

        foreach (var file in Directory.GetFiles(work, "graph.db*")) File.Delete(file);
        var sqlite = await new SqliteStore(path).MigrateAsync();
        results["sqlite_load_s"] = Math.Round(GraphLoad.Sqlite(path, shape, rows).TotalSeconds, 1);
        log.WriteLine($"SQLite loaded in {results["sqlite_load_s"]} s");
        Store? pg = null;
        if (postgres is not null)
        {
            var database = await FreshDatabaseAsync(postgres);
            pg = await Store.For(database).MigrateAsync();
            results["postgres_load_s"] = Math.Round(GraphLoad.Postgres(database, shape, rows).TotalSeconds, 1);
            log.WriteLine($"PostgreSQL loaded in {results["postgres_load_s"]} s");
        }
        rows = null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        await GraphRuns.RunAsync(sqlite, shape, organizations, "sqlite", perCategory, results, log);
        if (pg is not null) await GraphRuns.RunAsync(pg, shape, organizations, "postgres", perCategory, results, log);
        results["graph_db"] = path;
    }

    private static async Task<string> FreshDatabaseAsync(string connectionString)
    {
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {Database} WITH (FORCE); CREATE DATABASE {Database}";
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = Database }.ConnectionString;
    }
}
