using System.Text;
using Coopdir.Core.Data;
using Dapper;

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
    public static string Match(TextQuery text) => string.Join(" AND ", text.Required.Select(word =>
        "(" + string.Join(" OR ", word.Stems.Select(s => $"\"{s}\"").Concat(word.Prefix is { } p ? [$"\"{p}\"*"] : [])) + ")"));

    protected override string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters) =>
        SqlList.In($"{column} COLLATE NOCASE", parameter, values, parameters);

    protected internal override string StartsWithIgnoringCase(string column, string text, DynamicParameters parameters)
    {
        // LIKE is case-insensitive for ASCII and, without an ESCAPE clause, uses the NOCASE index
        // on the column; wildcards are dropped from the text, as no place name needs them.
        parameters.Add("startsWith", text.Replace("%", "").Replace("_", "") + "%");
        return $"{column} LIKE @startsWith";
    }

    protected internal override string GroupIgnoringCase(string column) => $"{column} COLLATE NOCASE";

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
}
