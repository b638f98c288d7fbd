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
        var sourceVersions = (await from.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).AsList();
        var targetVersions = await session.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version");
        if (!sourceVersions.SequenceEqual(targetVersions))
            return Failed($"the stores are at different schema versions ({string.Join(",", sourceVersions)} and {string.Join(",", targetVersions)}); run the same coopdir on both");
        if (await session.ScalarAsync<long>("SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM revisions)") > 0)
            return Failed("the target already holds a directory; migrate-store only fills an empty store");

        var tables = await StoreSchema.TablesInDependencyOrderAsync(source, from);
        var columnsOf = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in tables)
        {
            var sourceColumns = await StoreSchema.ColumnsAsync(source, from, table);
            var targetColumns = (await StoreSchema.ColumnsAsync(target, session.Connection, table)).ToHashSet();
            var missing = sourceColumns.Where(c => !targetColumns.Contains(c)).ToList();
            if (missing.Count > 0) return Failed($"the target's table {table} lacks the columns {string.Join(", ", missing)}");
            columnsOf[table] = sourceColumns;
            progress?.Report($"copying {table}");
            if (await CopyRowsAsync(from, session, table, sourceColumns) is { } refused) return Failed(refused);
        }
        progress?.Report("rebuilding search indexes");
        await RebuildSearchIndexAsync(session);
        await CarryOverSequencesAsync(source, from, target, session, tables, columnsOf);
        await session.CommitAsync();

        progress?.Report("verifying");
        var copies = new List<TableCopy>();
        foreach (var table in tables)
        {
            var (sourceRows, sourceSum) = await ChecksumAsync(from, table, columnsOf[table]);
            var (targetRows, targetSum) = await ChecksumAsync(session.Connection, table, columnsOf[table]);
            copies.Add(new TableCopy(table, sourceRows, targetRows, sourceSum, targetSum));
        }
        return new StoreCopyResult(copies, null);
    }

    private static StoreCopyResult Failed(string error) => new([], error);

    /// <returns>Null when every row was copied; otherwise the row the target refused, by table, id and column.</returns>
    private static async Task<string?> CopyRowsAsync(DbConnection from, WriteSession session, string table, IReadOnlyList<string> columns)
    {
        var columnList = string.Join(", ", columns.Select(Quote));
        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT {columnList} FROM {Quote(table)}";
        await using var reader = await read.ExecuteReaderAsync();
        var batch = new List<object?[]>();
        var rowsPerInsert = Math.Max(1, ParametersPerInsert / columns.Count);
        while (await reader.ReadAsync())
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            batch.Add(row);
            if (batch.Count == rowsPerInsert && await InsertAsync(session, table, columns, batch) is { } refused) return refused;
        }
        return await InsertAsync(session, table, columns, batch);
    }

    private static async Task<string?> InsertAsync(WriteSession session, string table, IReadOnlyList<string> columns, List<object?[]> batch)
    {
        if (batch.Count == 0) return null;
        var columnList = string.Join(", ", columns.Select(Quote));
        var parameters = new DynamicParameters();
        var rows = batch.Select((row, r) => "(" + string.Join(", ", row.Select((value, c) =>
        {
            parameters.Add($"p{r}_{c}", Portable(value));
            return $"@p{r}_{c}";
        })) + ")");
        try
        {
            await session.ExecuteAsync($"INSERT INTO {Quote(table)} ({columnList}) VALUES {string.Join(", ", rows)}", parameters);
        }
        catch (DbException e)
        {
            return Refused(table, columns, batch, e);
        }
        batch.Clear();
        return null;
    }

    // Which row and column the target could not take: text the validator would refuse today (a
    // NUL, say, that an older SQLite directory kept), else the batch's ids and the database's words.
    private static string Refused(string table, IReadOnlyList<string> columns, List<object?[]> batch, DbException e)
    {
        var id = columns.ToList().IndexOf("id");
        string IdOf(object?[] row) => id < 0 ? "(no id column)" : Convert.ToString(row[id], CultureInfo.InvariantCulture) ?? "";
        foreach (var row in batch)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (row[c] is string text && PlainText.Problem(text) is { } problem)
                    return $"table {table}, id {IdOf(row)}, column {columns[c]}: the target refused the row because the value {problem}";
            }
        }
        return $"table {table}, one of the rows with ids {IdOf(batch[0])} to {IdOf(batch[^1])}: {e.Message}";
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

    // Tables whose id is a name, not a number handed out by a sequence (an area's OCD division id).
    private static readonly string[] KeyedByText = ["areas"];

    /// <summary>Ids handed out before (even of records since deleted) must stay used on the target.</summary>
    private static async Task CarryOverSequencesAsync(Store source, DbConnection from, Store target, WriteSession session,
        IReadOnlyList<string> tables, Dictionary<string, IReadOnlyList<string>> columnsOf)
    {
        foreach (var table in tables.Where(t => columnsOf[t].Contains("id") && !KeyedByText.Contains(t)))
        {
            var used = Math.Max(await source.LastIssuedIdAsync(from, table, null),
                await target.LastIssuedIdAsync(session.Connection, table, session.Transaction));
            if (table == "organizations")
                used = Math.Max(used, await session.ScalarAsync<long?>("SELECT max(id) FROM organization_tombstones") ?? 0);
            if (used > 0) await target.SetLastIssuedIdAsync(session, table, used);
        }
    }

    /// <summary>Row count and an order-independent SHA-256 of every row's values, written the same way for both stores.</summary>
    private static async Task<(long Rows, string Checksum)> ChecksumAsync(DbConnection connection, string table, IReadOnlyList<string> columns)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)}";
        await using var reader = await command.ExecuteReaderAsync();
        var rowHashes = new List<string>();
        while (await reader.ReadAsync())
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
