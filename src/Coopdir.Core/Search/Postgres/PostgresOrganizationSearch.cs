using System.Data.Common;
using System.Text;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;

namespace Coopdir.Core.Search.Postgres;

/// <summary>
/// PostgreSQL: a tsvector ('simple' configuration) of each organization's <see cref="SearchDocument.Text"/>
/// for text, a GiST index on each location's point for places.
/// </summary>
public sealed class PostgresOrganizationSearch : SqlOrganizationSearch
{
    protected internal override void AddTextMatch(TextQuery text, StringBuilder from, List<string> where, DynamicParameters parameters)
    {
        where.Add("o.search_document @@ to_tsquery('simple', @tsquery)");
        parameters.Add("tsquery", TsQuery(text));
    }

    protected override string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters) =>
        SqlList.In($"lower({column})", parameter, values.Select(v => v.ToLowerInvariant()), parameters);

    protected override string WithinBox(GeoBox box, string prefix, DynamicParameters parameters)
    {
        var boxes = box.LonRanges.Select((range, i) =>
        {
            parameters.Add($"{prefix}Box{i}", $"(({range.Min},{box.MinLat}),({range.Max},{box.MaxLat}))");
            return $"point(l.longitude, l.latitude) <@ CAST(@{prefix}Box{i} AS box)";
        });
        return $"l.latitude IS NOT NULL AND l.longitude IS NOT NULL AND ({string.Join(" OR ", boxes)})";
    }

    /// <summary>('stem' | 'correction' | 'typed':*) &amp; ...: words hold only letters and digits, so quoting is enough.</summary>
    public static string TsQuery(TextQuery text) => string.Join(" & ", text.Required.Select(word =>
        "(" + string.Join(" | ", word.Stems.Select(s => $"'{s}'").Concat(word.Prefix is { } p ? [$"'{p}':*"] : [])) + ")"));

    private protected override IdList TextMatches(DbConnection connection, TextQuery text)
    {
        var ids = new IdList();
        foreach (var id in IdReader.Read(connection, "SELECT id FROM organizations WHERE search_document @@ to_tsquery('simple', @tsquery)", "tsquery", TsQuery(text)))
            ids.Add(SearchColumnsId(id));
        return ids;
    }

    protected override string PlaceGroupKey(string place) => place.ToLowerInvariant();

    // point <@ box compares exactly, edges included.
    public override bool InBox(GeoBox box, double latitude, double longitude)
    {
        if (latitude < box.MinLat || latitude > box.MaxLat) return false;
        var ranges = box.LonRanges;
        for (var i = 0; i < ranges.Count; i++) if (longitude >= ranges[i].Min && longitude <= ranges[i].Max) return true;
        return false;
    }
}
