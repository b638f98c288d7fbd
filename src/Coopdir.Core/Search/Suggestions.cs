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
/// name order; when they are too few, names holding every typed word fill up, in id order, found in
/// the search columns' name words and checked against the full-text index; places are the locality
/// groups starting with the text, with the columns' counts of organizations per group.
/// </summary>
internal static class SuggestionQueries
{
    public const int MaxNames = 6;
    public const int MaxPlaces = 4;
    public const int MinPlaceLength = 2;

    public static async Task<Suggestions> RunAsync(DbConnection connection, string text, OrganizationSearch search)
    {
        var query = TextQuery.Parse(text);
        if (query is null) return Suggestions.None;
        // Brought up to date at most once per suggestion, and only when names or places need them.
        Task<Columns.SearchColumns>? columns = null;
        Task<Columns.SearchColumns> Columns() => columns ??= search.ColumnsAsync(connection);
        var ids = await NamesStartingWithAsync(connection, query);
        if (ids.Count < MaxNames) ids = ids.Concat((await search.NamesHoldingWordsAsync(connection, await Columns(), query, MaxNames)).Except(ids)).Take(MaxNames).ToList();
        var places = PlacesWanted(text.Trim()) ? search.LocalitiesStartingWith(await Columns(), text.Trim(), MaxPlaces) : [];
        return new Suggestions(await LoadAsync(connection, ids), places.Select(p => new PlaceSuggestion(p.Label, p.Count)).ToList());
    }

    private static async Task<List<long>> NamesStartingWithAsync(DbConnection connection, TextQuery query)
    {
        var prefix = query.NamePrefix;
        return (await connection.QueryAsync<long>("""
            SELECT id FROM organizations WHERE search_name >= @prefix AND search_name < @after
            ORDER BY search_name, id LIMIT @limit
            """, new { prefix, after = SearchWords.PrefixEnd(prefix), limit = MaxNames })).AsList();
    }

    private static async Task<List<NameSuggestion>> LoadAsync(DbConnection connection, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0) return [];
        var parameters = new DynamicParameters();
        var rows = (await connection.QueryAsync<NameRow>($"""
            SELECT o.id AS Id, o.slug AS Slug, o.name AS Name, l.locality AS Locality, l.country AS Country
            FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0
            WHERE {SqlList.In("o.id", "id", ids, parameters)}
            """, parameters)).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id])
            .Select(r => new NameSuggestion(r.Id, r.Slug, r.Name, r.Locality, r.Country)).ToList();
    }

    private static bool PlacesWanted(string text) => text.Length >= MinPlaceLength && text.Any(char.IsLetterOrDigit);

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
