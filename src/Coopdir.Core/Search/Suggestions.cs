using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Search;

public sealed record NameSuggestion(long Id, string Slug, string Name, string? Locality, string? Country);

public sealed record PlaceSuggestion(string Name, long Count);

public sealed record Suggestions(IReadOnlyList<NameSuggestion> Names, IReadOnlyList<PlaceSuggestion> Places)
{
    public static readonly Suggestions None = new([], []);
}

/// <summary>
/// Names and places for the search box, as the person types. Built to answer in a few milliseconds
/// at a million organizations: names whose ranking name starts with the text come off an index in
/// name order; when they are too few, names holding every typed word fill up, taken in id order so
/// that the full-text index can stop early; places are localities starting with the text.
/// </summary>
internal static class SuggestionQueries
{
    public const int MaxNames = 6;
    public const int MaxPlaces = 4;
    public const int MinPlaceLength = 2;

    public static Suggestions Run(DbConnection connection, string text, SqlOrganizationSearch dialect)
    {
        var query = TextQuery.Parse(text);
        if (query is null) return Suggestions.None;
        var ids = NamesStartingWith(connection, query);
        if (ids.Count < MaxNames) ids = ids.Concat(NamesHoldingWords(connection, query, dialect).Except(ids)).Take(MaxNames).ToList();
        return new Suggestions(Load(connection, ids), Places(connection, text.Trim(), dialect));
    }

    private static List<long> NamesStartingWith(DbConnection connection, TextQuery query)
    {
        var prefix = query.NamePrefix;
        return connection.Query<long>("""
            SELECT id FROM organizations WHERE search_name >= @prefix AND search_name < @after
            ORDER BY search_name, id LIMIT @limit
            """, new { prefix, after = SearchWords.PrefixEnd(prefix), limit = MaxNames }).ToList();
    }

    private static IEnumerable<long> NamesHoldingWords(DbConnection connection, TextQuery query, SqlOrganizationSearch dialect)
    {
        var parameters = new DynamicParameters();
        var from = new System.Text.StringBuilder("FROM organizations o");
        var where = new List<string>();
        dialect.AddTextMatch(query, from, where, parameters);
        where.Add(TextRanking.AllIn("o.search_name", query.Ranking, "name", parameters));
        parameters.Add("limit", MaxNames);
        return connection.Query<long>($"SELECT o.id {from} WHERE {string.Join(" AND ", where)} ORDER BY o.id LIMIT @limit", parameters);
    }

    private static List<NameSuggestion> Load(DbConnection connection, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0) return [];
        var parameters = new DynamicParameters();
        var rows = connection.Query<NameRow>($"""
            SELECT o.id AS Id, o.slug AS Slug, o.name AS Name, l.locality AS Locality, l.country AS Country
            FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0
            WHERE {SqlList.In("o.id", "id", ids, parameters)}
            """, parameters).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id])
            .Select(r => new NameSuggestion(r.Id, r.Slug, r.Name, r.Locality, r.Country)).ToList();
    }

    private static List<PlaceSuggestion> Places(DbConnection connection, string text, SqlOrganizationSearch dialect)
    {
        if (text.Length < MinPlaceLength || !text.Any(char.IsLetterOrDigit)) return [];
        var parameters = new DynamicParameters();
        parameters.Add("limit", MaxPlaces);
        return connection.Query<FacetRow>($"""
            SELECT min(locality) AS Value, count(DISTINCT organization_id) AS Count FROM locations
            WHERE {dialect.StartsWithIgnoringCase("locality", text, parameters)}
            GROUP BY {dialect.GroupIgnoringCase("locality")} ORDER BY Count DESC, Value LIMIT @limit
            """, parameters).Select(r => new PlaceSuggestion(r.Value, r.Count)).ToList();
    }

    // Dapper fills classes by property; SQLite reports no column types for an empty result, which positional records need.
    private sealed class NameRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Locality { get; set; }
        public string? Country { get; set; }
    }
}
