using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>FTS5 over each organization's <see cref="SearchDocument.Text"/> (organization_search, contentless, prefix indexes 1–3).</summary>
public sealed class SqliteTextIndex : ITextIndex
{
    /// <summary>
    /// Straight through SQLite's own API: a common word matches most of the directory, and stepping
    /// the statement directly costs a third of what a data reader adds per row. SQLite runs in-process,
    /// so there is nothing to wait for asynchronously.
    /// </summary>
    Task<IdList> ITextIndex.MatchAsync(DbConnection connection, TextQuery text)
    {
        var db = ((SqliteConnection)connection).Handle!;
        var ids = new IdList();
        var match = Match(text, prefix => TermsStartingWith(db, prefix));
        EachRow(db, "SELECT rowid FROM organization_search WHERE organization_search MATCH ?",
            statement => Check(db, raw.sqlite3_bind_text(statement, 1, match)),
            statement => ids.Add(OrganizationSearch.ColumnsId(raw.sqlite3_column_int64(statement, 0))));
        return Task.FromResult(ids);
    }

    async Task<List<long>> ITextIndex.MatchAmongAsync(DbConnection connection, TextQuery text, IReadOnlyList<int> ids)
    {
        var db = ((SqliteConnection)connection).Handle!;
        var parameters = new DynamicParameters();
        parameters.Add("match", Match(text, prefix => TermsStartingWith(db, prefix)));
        return (await connection.QueryAsync<long>(
            $"SELECT rowid FROM organization_search WHERE organization_search MATCH @match AND {SqlList.In("rowid", "id", ids.Select(id => (long)id), parameters)}",
            parameters)).AsList();
    }

    public Task WriteAsync(WriteSession session, long id, SearchDocument document) =>
        session.Command("INSERT INTO organization_search (rowid, document) VALUES (@id, @Text)", "@id", "@Text").ExecuteAsync(id, document.Text);

    public Task RemoveAsync(WriteSession session, long id) =>
        session.Command("DELETE FROM organization_search WHERE rowid = @id", "@id").ExecuteAsync(id);

    /// <summary>("stem" OR "correction" OR "typed"*) AND ...: words hold only letters and digits, so quoting is enough.</summary>
    public static string Match(TextQuery text) => Match(text, _ => null);

    /// <summary>
    /// The same match, with a typed prefix written as the terms it starts when <paramref name="terms"/>
    /// knows them (null: keep "typed"*).
    /// </summary>
    private static string Match(TextQuery text, Func<string, IReadOnlyList<string>?> terms) => string.Join(" AND ", text.Required.Select(word =>
        "(" + string.Join(" OR ", word.Stems.Select(s => $"\"{s}\"").Concat(word.Prefix is { } p ? PrefixTerms(p, terms(p)) : [])) + ")"));

    private static IEnumerable<string> PrefixTerms(string prefix, IReadOnlyList<string>? terms) =>
        terms is null ? [$"\"{prefix}\"*"] : terms.Select(t => $"\"{t}\"");

    // The table's prefix indexes cover 1-3 letters (migration 0004); a longer prefix makes FTS5 merge
    // the doclists of every term it starts into a buffer (171 ms for "limited"* at a million
    // organizations, against 65 ms for "limited" named). Naming the terms pays off while they are
    // few: an OR of many terms is merged row by row, which measured slower than the buffer from
    // about 17 terms on ("coope": 17 terms, 25 ms named against 17 ms; "comm": 54 terms, 35 against 30).
    private const int LongestIndexedPrefix = 3;
    private const int MaxPrefixTerms = 16;

    /// <summary>
    /// The terms of the index that start with <paramref name="prefix"/> (organization_search_vocab,
    /// migration 0007), or null when the prefix index serves it or there are too many to name.
    /// Terms left behind by deleted documents match nothing, so naming them changes no result.
    /// </summary>
    private static List<string>? TermsStartingWith(sqlite3 db, string prefix)
    {
        if (prefix.Length <= LongestIndexedPrefix) return null;
        var terms = new List<string>();
        EachRow(db, "SELECT term FROM organization_search_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2",
            statement =>
            {
                Check(db, raw.sqlite3_bind_text(statement, 1, prefix));
                Check(db, raw.sqlite3_bind_int(statement, 2, MaxPrefixTerms + 1));
            },
            statement => terms.Add(raw.sqlite3_column_text(statement, 0).utf8_to_string()));
        // No term at all: keep the prefix, which matches nothing too (FTS5 refuses an empty OR).
        return terms.Count is 0 or > MaxPrefixTerms ? null : terms;
    }

    /// <summary>Prepares, binds and steps one statement through SQLite's own API, reading every row.</summary>
    private static void EachRow(sqlite3 db, string sql, Action<sqlite3_stmt> bind, Action<sqlite3_stmt> read)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            bind(statement);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) read(statement);
            if (rc != raw.SQLITE_DONE) Check(db, rc);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }
}
