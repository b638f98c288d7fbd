using System.Text;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Search.Postgres;

/// <summary>PostgreSQL: a weighted tsvector (unaccent, 'simple' configuration) for text, a GiST index on each location's point for places.</summary>
public sealed class PostgresOrganizationSearch : SqlOrganizationSearch
{
    protected override void AddTextMatch(IReadOnlyList<string> words, StringBuilder from, List<string> where, DynamicParameters parameters)
    {
        where.Add("o.search_document @@ to_tsquery('simple', unaccent(@tsquery))");
        parameters.Add("tsquery", TsQuery(words));
    }

    protected override string TextRank => "ts_rank_cd(o.search_document, to_tsquery('simple', unaccent(@tsquery))) DESC";

    protected override string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters) =>
        SqlList.In($"lower({column})", parameter, values.Select(v => v.ToLowerInvariant()), parameters);

    protected override string GroupIgnoringCase(string column) => $"lower({column})";

    protected override string WithinBox(GeoBox box, string prefix, DynamicParameters parameters)
    {
        var boxes = box.LonRanges.Select((range, i) =>
        {
            parameters.Add($"{prefix}Box{i}", $"(({range.Min},{box.MinLat}),({range.Max},{box.MaxLat}))");
            return $"point(l.longitude, l.latitude) <@ CAST(@{prefix}Box{i} AS box)";
        });
        return $"l.latitude IS NOT NULL AND l.longitude IS NOT NULL AND ({string.Join(" OR ", boxes)})";
    }

    /// <summary>"word1 &amp; word2:*": every word, the last as a prefix. Words hold only letters, digits and marks, so need no quoting.</summary>
    public static string TsQuery(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w.ToLowerInvariant()}:*" : w.ToLowerInvariant()));
}
