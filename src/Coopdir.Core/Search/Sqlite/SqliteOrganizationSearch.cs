using System.Data.Common;
using System.Text;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>SQLite: FTS5 over each organization's <see cref="SearchDocument.Text"/> for text, the R*Tree for places.</summary>
public sealed class SqliteOrganizationSearch : SqlOrganizationSearch
{
    protected internal override void AddTextMatch(TextQuery text, StringBuilder from, List<string> where, DynamicParameters parameters)
    {
        from.Append(" JOIN organization_search ON organization_search.rowid = o.id");
        where.Add("organization_search MATCH @match");
        parameters.Add("match", Match(text));
    }

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

    protected override string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters) =>
        SqlList.In($"{column} COLLATE NOCASE", parameter, values, parameters);

    protected override string WithinBox(GeoBox box, string prefix, DynamicParameters parameters)
    {
        parameters.Add($"{prefix}MinLat", box.MinLat);
        parameters.Add($"{prefix}MaxLat", box.MaxLat);
        var lonRanges = box.LonRanges.Select((range, i) =>
        {
            parameters.Add($"{prefix}MinLon{i}", range.Min);
            parameters.Add($"{prefix}MaxLon{i}", range.Max);
            return $"(r.min_lon >= @{prefix}MinLon{i} AND r.max_lon <= @{prefix}MaxLon{i})";
        });
        return $"l.id IN (SELECT r.id FROM locations_rtree r WHERE r.min_lat >= @{prefix}MinLat AND r.max_lat <= @{prefix}MaxLat AND ({string.Join(" OR ", lonRanges)}))";
    }

    /// <summary>
    /// Straight through SQLite's own API: a common word matches most of the directory, and stepping
    /// the statement directly costs a third of what a data reader adds per row.
    /// </summary>
    private protected override IdList TextMatches(DbConnection connection, TextQuery text)
    {
        var db = ((SqliteConnection)connection).Handle!;
        var ids = new IdList();
        var match = Match(text, prefix => TermsStartingWith(db, prefix));
        EachRow(db, "SELECT rowid FROM organization_search WHERE organization_search MATCH ?",
            statement => Check(db, raw.sqlite3_bind_text(statement, 1, match)),
            statement => ids.Add(SearchColumnsId(raw.sqlite3_column_int64(statement, 0))));
        return ids;
    }

    private protected override IEnumerable<long> TextMatchesAmong(DbConnection connection, TextQuery text, IReadOnlyList<int> ids)
    {
        var db = ((SqliteConnection)connection).Handle!;
        var parameters = new DynamicParameters();
        parameters.Add("match", Match(text, prefix => TermsStartingWith(db, prefix)));
        return connection.Query<long>(
            $"SELECT rowid FROM organization_search WHERE organization_search MATCH @match AND {SqlList.In("rowid", "id", ids.Select(id => (long)id), parameters)}",
            parameters);
    }

    // As suggestions' former `locality LIKE @text%` (no ESCAPE clause) compared: wildcards dropped, ASCII letters folded.
    protected override string PlacePrefixKey(string text) => PlaceGroupKey(text.Replace("%", "").Replace("_", ""));

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

    // NOCASE folds ASCII letters only.
    protected override string PlaceGroupKey(string place) =>
        string.Create(place.Length, place, (span, p) => { for (var i = 0; i < p.Length; i++) span[i] = char.IsAsciiLetterUpper(p[i]) ? (char)(p[i] + 32) : p[i]; });

    /// <summary>
    /// The R*Tree keeps coordinates as 32-bit floats, a point's minimum rounded down and its maximum
    /// up (as rtree.c's rtreeValueDown/Up do), and compares those with the box's doubles.
    /// </summary>
    public override bool InBox(GeoBox box, double latitude, double longitude)
    {
        if (RoundedDown(latitude) < box.MinLat || RoundedUp(latitude) > box.MaxLat) return false;
        var (minLon, maxLon) = (RoundedDown(longitude), RoundedUp(longitude));
        var ranges = box.LonRanges;
        for (var i = 0; i < ranges.Count; i++) if (minLon >= ranges[i].Min && maxLon <= ranges[i].Max) return true;
        return false;
    }

    private const double TowardsZero = 1.0 - 1.0 / 8388608.0, AwayFromZero = 1.0 + 1.0 / 8388608.0;

    private static double RoundedDown(double d)
    {
        var f = (float)d;
        if (f > d) f = (float)(d * (d < 0 ? AwayFromZero : TowardsZero));
        return f;
    }

    private static double RoundedUp(double d)
    {
        var f = (float)d;
        if (f < d) f = (float)(d * (d < 0 ? TowardsZero : AwayFromZero));
        return f;
    }
}
