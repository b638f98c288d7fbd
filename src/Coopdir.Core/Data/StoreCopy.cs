using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Data;

public sealed record TableCopy(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

public sealed record StoreCopyResult(IReadOnlyList<TableCopy> Tables, string? Error)
{
    public bool Succeeded => Error is null && Tables.All(t => t.Matches);
}

/// <summary>
/// Moves a whole directory between stores (SQLite ⇄ PostgreSQL, or to another file): every table
/// with every id, then rebuilds the target's search indexes and id sequences, and verifies row counts
/// and checksums table by table. One transaction on the target: a failed copy leaves it empty.
/// </summary>
public static class StoreCopy
{
    // Parameters per multi-row INSERT: fewer round trips to PostgreSQL, while Microsoft.Data.Sqlite
    // (which binds each parameter by a search through the others) stays fast.
    private const int ParametersPerInsert = 400;

    public static async Task<StoreCopyResult> RunAsync(Store source, Store target, IProgress<string>? progress = null)
    {
        await using var from = await source.OpenAsync();
        await using var session = await target.BeginWriteAsync(bulk: true);
        var to = session.Connection;
        var sourceVersions = from.Query<int>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        var targetVersions = to.Query<int>("SELECT version FROM schema_migrations ORDER BY version", transaction: session.Transaction).ToList();
        if (!sourceVersions.SequenceEqual(targetVersions))
            return Failed($"the stores are at different schema versions ({string.Join(",", sourceVersions)} and {string.Join(",", targetVersions)}); run the same coopdir on both");
        if (to.ExecuteScalar<long>("SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM revisions)", transaction: session.Transaction) > 0)
            return Failed("the target already holds a directory; migrate-store only fills an empty store");

        var tables = StoreSchema.TablesInDependencyOrder(from, source.Kind);
        var transaction = session.Transaction;
        foreach (var table in tables)
        {
            var columns = CommonColumns(from, source.Kind, to, target.Kind, table, out var missing);
            if (missing.Count > 0) return Failed($"the target's table {table} lacks the columns {string.Join(", ", missing)}");
            progress?.Report($"copying {table}");
            CopyRows(from, to, transaction, table, columns);
        }
        progress?.Report("rebuilding search indexes");
        await RebuildSearchIndexAsync(session);
        CarryOverSequences(from, source.Kind, to, transaction, target.Kind, tables);
        await session.CommitAsync();

        progress?.Report("verifying");
        return new StoreCopyResult(tables.Select(table =>
        {
            var columns = CommonColumns(from, source.Kind, to, target.Kind, table, out _);
            var (sourceRows, sourceSum) = Checksum(from, table, columns);
            var (targetRows, targetSum) = Checksum(to, table, columns);
            return new TableCopy(table, sourceRows, targetRows, sourceSum, targetSum);
        }).ToList(), null);
    }

    private static StoreCopyResult Failed(string error) => new([], error);

    /// <summary>The source's columns that the target also has; <paramref name="missing"/> lists those it lacks.</summary>
    private static IReadOnlyList<string> CommonColumns(DbConnection from, StoreKind fromKind, DbConnection to, StoreKind toKind, string table, out List<string> missing)
    {
        var sourceColumns = StoreSchema.Columns(from, fromKind, table);
        var targetColumns = StoreSchema.Columns(to, toKind, table).ToHashSet();
        missing = sourceColumns.Where(c => !targetColumns.Contains(c)).ToList();
        return sourceColumns.Where(targetColumns.Contains).ToList();
    }

    private static void CopyRows(DbConnection from, DbConnection to, DbTransaction transaction, string table, IReadOnlyList<string> columns)
    {
        var columnList = string.Join(", ", columns.Select(Quote));
        using var read = from.CreateCommand();
        read.CommandText = $"SELECT {columnList} FROM {Quote(table)}";
        using var reader = read.ExecuteReader();
        var batch = new List<object?[]>();
        var rowsPerInsert = Math.Max(1, ParametersPerInsert / columns.Count);
        while (reader.Read())
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            batch.Add(row);
            if (batch.Count == rowsPerInsert) Insert(to, transaction, table, columnList, batch);
        }
        Insert(to, transaction, table, columnList, batch);
    }

    private static void Insert(DbConnection to, DbTransaction transaction, string table, string columnList, List<object?[]> batch)
    {
        if (batch.Count == 0) return;
        var parameters = new DynamicParameters();
        var rows = batch.Select((row, r) => "(" + string.Join(", ", row.Select((value, c) =>
        {
            parameters.Add($"p{r}_{c}", Portable(value));
            return $"@p{r}_{c}";
        })) + ")");
        to.Execute($"INSERT INTO {Quote(table)} ({columnList}) VALUES {string.Join(", ", rows)}", parameters, transaction);
        batch.Clear();
    }

    // SQLite hands back integers as Int64 and booleans as 0/1; both stores take these as they are.
    private static object? Portable(object? value) => value is bool b ? (b ? 1L : 0L) : value;

    private static async Task RebuildSearchIndexAsync(WriteSession session)
    {
        var snapshots = await session.QueryAsync<(long, string)>("""
            SELECT r.organization_id, r.after_json FROM revisions r
            JOIN organizations o ON o.id = r.organization_id AND o.revision = r.revision
            """);
        // The target started empty, so there is nothing to remove first.
        foreach (var (id, json) in snapshots) await Search.SearchIndex.AddAsync(session, id, Snapshots.FromJson(json));
        await session.SendAsync();
    }

    /// <summary>Ids handed out before (even of records since deleted) must stay used on the target.</summary>
    private static void CarryOverSequences(DbConnection from, StoreKind fromKind, DbConnection to, DbTransaction transaction, StoreKind toKind, IReadOnlyList<string> tables)
    {
        foreach (var table in tables.Where(t => StoreSchema.Columns(to, toKind, t).Contains("id")))
        {
            var used = Math.Max(LastIssued(from, fromKind, table, null), LastIssued(to, toKind, table, transaction));
            if (table == "organizations")
                used = Math.Max(used, to.ExecuteScalar<long?>("SELECT max(id) FROM organization_tombstones", transaction: transaction) ?? 0);
            if (used == 0) continue;
            if (toKind == StoreKind.Postgres)
            {
                var sequence = to.ExecuteScalar<string?>("SELECT pg_get_serial_sequence(@table, 'id')", new { table }, transaction);
                if (sequence is not null) to.Execute("SELECT setval(@sequence, @used)", new { sequence, used }, transaction);
            }
            else if (to.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", transaction: transaction) > 0)
            {
                to.Execute("DELETE FROM sqlite_sequence WHERE name = @table", new { table }, transaction);
                to.Execute("INSERT INTO sqlite_sequence (name, seq) VALUES (@table, @used)", new { table, used }, transaction);
            }
        }
    }

    private static long LastIssued(DbConnection connection, StoreKind kind, string table, DbTransaction? transaction)
    {
        var maxId = connection.ExecuteScalar<long?>($"SELECT max(id) FROM {Quote(table)}", transaction: transaction) ?? 0;
        long? sequence = kind == StoreKind.Postgres
            ? connection.ExecuteScalar<long?>("SELECT pg_sequence_last_value(pg_get_serial_sequence(@table, 'id')::regclass)", new { table }, transaction)
            : connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", transaction: transaction) > 0
                ? connection.ExecuteScalar<long?>("SELECT seq FROM sqlite_sequence WHERE name = @table", new { table }, transaction)
                : null;
        return Math.Max(maxId, sequence ?? 0);
    }

    /// <summary>Row count and an order-independent SHA-256 of every row's values, written the same way for both stores.</summary>
    private static (long Rows, string Checksum) Checksum(DbConnection connection, string table, IReadOnlyList<string> columns)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)}";
        using var reader = command.ExecuteReader();
        var rowHashes = new List<string>();
        while (reader.Read())
        {
            var row = new StringBuilder();
            for (var i = 0; i < columns.Count; i++) row.Append(Canonical(reader.IsDBNull(i) ? null : reader.GetValue(i))).Append('\u001f');
            rowHashes.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row.ToString()))));
        }
        rowHashes.Sort(StringComparer.Ordinal);
        return (rowHashes.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rowHashes)))));
    }

    private static string Canonical(object? value) => value switch
    {
        null => "\u2400",
        bool b => b ? "1" : "0",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
