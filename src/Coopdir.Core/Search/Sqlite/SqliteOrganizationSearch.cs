using System.Text;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Search.Sqlite;

/// <summary>SQLite: FTS5 (unicode61, diacritics removed) for text, the R*Tree for places.</summary>
public sealed class SqliteOrganizationSearch : SqlOrganizationSearch
{
    protected override void AddTextMatch(IReadOnlyList<string> words, StringBuilder from, List<string> where, DynamicParameters parameters)
    {
        from.Append(" JOIN organizations_fts ON organizations_fts.rowid = o.id");
        where.Add("organizations_fts MATCH @match");
        parameters.Add("match", FtsQuery.Build(words));
    }

    // Column weights for bm25: name, alternate names, description, place. Lower is better.
    protected override string TextRank => "bm25(organizations_fts, 10.0, 6.0, 1.0, 2.0)";

    protected override string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters) =>
        SqlList.In($"{column} COLLATE NOCASE", parameter, values, parameters);

    protected override string GroupIgnoringCase(string column) => $"{column} COLLATE NOCASE";

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
