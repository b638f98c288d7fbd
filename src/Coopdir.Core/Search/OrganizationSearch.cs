using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;

namespace Coopdir.Core.Search;

public sealed record FacetCount(long Total, IReadOnlyList<FacetValue> Values);

/// <summary>A place organizations write that no area answers to, and why (see <see cref="Areas.AreaGazetteer.Resolve"/>).</summary>
public sealed record UnresolvedPlace(string? Country, string? Region, string? Locality, string Why, int Organizations);

public sealed class MapPoint
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

/// <summary>
/// Search in two steps, the same on both stores. The store's <see cref="ITextIndex"/> finds the ids
/// that match the text (one statement, no join); everything per match after that (vocabulary, place
/// and geo filters, the total, facet counts, relevance tiers and the page's order) is computed over
/// <see cref="SearchColumns"/>, the compact in-memory copy of what those need, kept current by
/// revision id. Only the page's summaries are read back from the database. Search results, facets,
/// statistics, map points and exports all select organizations through <see cref="MatchAsync"/>:
/// one filter.
/// </summary>
public sealed class OrganizationSearch(ITextIndex textIndex, Areas.AreaCache areas)
{
    private readonly ColumnsCache cache = new();
    private readonly ColumnsMemo<PlaceLookup?> localityCentres = new(10_000);

    // Everyday searches repeat (a town, "housing", "credit union"): their answers are kept while nothing is written.
    // A result with its facets is 50 to 170 KB (20 to 100 results a page): 256 of them stay under about 45 MB.
    private readonly ColumnsMemo<SearchResult> results = new(256);

    /// <summary>One page of results, the total and facet counts for the whole result set.</summary>
    public async Task<SearchResult> RunAsync(DbConnection connection, SearchQuery query)
    {
        var key = ResultKey(query);
        // The newest revision this connection shows. An answer is kept only when the columns were that version too: behind
        // read replicas the columns can be ahead of a lagging replica, whose summaries would then be kept as the newer version's.
        var shown = key is null ? 0 : await ColumnsLoader.VersionAsync(connection);
        if (key is not null && results.TryGet(shown, key, out var kept)) return kept;
        var (columns, matched, text) = await MatchAsync(connection, query);
        using var _ = matched;
        var (page, facets) = cache.Read(columns, c => (
            PageOrder.Page(c, matched, query, text),
            ColumnFacets.Count(c, matched, f => f is Facets.Region or Facets.Locality or Facets.Networks ? Facets.MaxFrequentValues : null)));
        var (items, names) = await SearchSummaries.LoadAsync(connection, page, query.Near, SearchSummaries.NetworkIds(facets[Facets.Networks]));
        facets[Facets.Networks] = SearchSummaries.LabelNetworks(facets[Facets.Networks], names);
        var result = new SearchResult(matched.Count, query.Page, query.PageSize, items, facets) { DidYouMean = text?.Corrected };
        if (key is not null && columns.Version == shown) results.Keep(shown, key, result);
        return result;
    }

    /// <summary>
    /// The query written out whole, or null for one not to keep: areas are loaded apart from revisions (and by the day),
    /// and a list of organizations to search among can be long.
    /// </summary>
    private static string? ResultKey(SearchQuery query) =>
        query.Areas.Count > 0 || query.Among is not null ? null : System.Text.Json.JsonSerializer.Serialize(query);

    /// <summary>
    /// The number of matches and the count for every value of one facet (all of them, where the
    /// search's region and locality facets keep only the most frequent); the figures statistics show.
    /// </summary>
    public async Task<FacetCount> CountAsync(DbConnection connection, SearchQuery query, string facet)
    {
        // Networks are labelled with names read per page of results: a search facet only.
        if (!Facets.All.Contains(facet) || facet == Facets.Networks) throw new ArgumentOutOfRangeException(nameof(facet), facet, "not a facet statistics count");
        var (columns, matched, _) = await MatchAsync(connection, query);
        using var __ = matched;
        return new FacetCount(matched.Count, cache.Read(columns, c => ColumnFacets.Count(c, matched, _ => null)[facet]));
    }

    /// <summary>Map points for every located match, up to <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<MapPoint>> PointsAsync(DbConnection connection, SearchQuery query, int limit)
    {
        var (columns, matched, _) = await MatchAsync(connection, query);
        using var __ = matched;
        if (!matched.IsSorted()) matched.SortDistinct();
        var located = cache.Read(columns, c =>
        {
            var points = new List<MapPoint>();
            foreach (var id in matched.Span)
            {
                var (start, count) = c.Locations(id);
                for (var i = start; i < start + count && points.Count < limit; i++)
                {
                    if (double.IsNaN(c.LocationLatitude[i])) continue;
                    points.Add(new MapPoint { Id = id, Latitude = c.LocationLatitude[i], Longitude = c.LocationLongitude[i] });
                }
                if (points.Count >= limit) break;
            }
            return points;
        });
        var names = new Dictionary<long, string>();
        foreach (var chunk in located.Select(p => p.Id).Distinct().Chunk(500))
        {
            var parameters = new DynamicParameters();
            foreach (var (id, name) in await connection.QueryAsync<(long, string)>($"SELECT id, name FROM organizations WHERE {SqlList.In("id", "id", chunk, parameters)}", parameters))
                names[id] = name;
        }
        // An organization removed since the columns were read is left out, as the database would.
        return located.Where(p => names.ContainsKey(p.Id)).Select(p => { p.Name = names[p.Id]; return p; }).ToList();
    }

    /// <summary>
    /// Every matching id, in id order: exports walk them in batches. A query without any condition
    /// matches every organization, which the database lists without reading the search columns
    /// (seconds at a million, for a command-line export that reads nothing else of them).
    /// </summary>
    public async Task<long[]> MatchingIdsAsync(DbConnection connection, SearchQuery query)
    {
        if (query.IsEverything) return [.. await IdReader.ReadAsync(connection, "SELECT id FROM organizations ORDER BY id")];
        var (_, matched, _) = await MatchAsync(connection, query);
        using var __ = matched;
        if (!matched.IsSorted()) matched.SortDistinct();
        var ids = new long[matched.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = matched.Span[i];
        return ids;
    }

    /// <summary>
    /// The query's page of ids in its order, without the facets and summaries a results page needs:
    /// reconciliation's candidates, which it scores itself.
    /// </summary>
    /// <param name="text">The query's text already parsed (<see cref="ParseAsync"/>), in place of its <see cref="SearchQuery.Text"/>: a caller trying several subsets of its words corrects their typos once.</param>
    public async Task<List<long>> PageIdsAsync(DbConnection connection, SearchQuery query, TextQuery? text = null)
    {
        var (columns, matched, used) = await MatchAsync(connection, query, text);
        using var _ = matched;
        return cache.Read(columns, c => PageOrder.Page(c, matched, query, used));
    }

    /// <summary>A search text's words with their typo corrections, as a search parses it.</summary>
    public Task<TextQuery?> ParseAsync(DbConnection connection, string? text) =>
        TextQuery.ParseAsync(text, (word, typing) => TypoCorrection.CorrectionsAsync(connection, word, typing, terms => OrganizationsHoldingAsync(connection, terms)));

    /// <summary>
    /// The search text with each misspelt word replaced by its best correction ("credti union" is
    /// "credit union"), or null when no word was corrected: what a page offers as "Did you mean".
    /// </summary>
    public async Task<string?> CorrectedTextAsync(DbConnection connection, string? text) => (await ParseAsync(connection, text))?.Corrected;

    // Counted in the columns once per version of them (WordCounts), by stem as the columns hold words.
    private async Task<int[]> OrganizationsHoldingAsync(DbConnection connection, IReadOnlyList<string> terms)
    {
        var stems = terms.Select(SearchWords.Stem).ToList();
        var columns = await cache.CurrentAsync(connection);
        return cache.Read(columns, c => stems.Select(stem => c.WordCounts.Holding(c, stem)).ToArray());
    }

    /// <summary>Names and places for the search box while a person types.</summary>
    public Task<Suggestions> SuggestAsync(DbConnection connection, string text) => SuggestionQueries.RunAsync(connection, text, this);

    /// <summary>
    /// The centre a search near <paramref name="place"/> measures from (<see cref="PlaceCentres"/>): a
    /// locality organizations write, else an area by id or by its name when one area alone has it.
    /// </summary>
    public async Task<PlaceLookup> FindPlaceAsync(DbConnection connection, string place)
    {
        var name = place.Trim();
        var columns = await cache.CurrentAsync(connection);
        if (!Areas.Area.IsDivisionId(name) && cache.Read(columns, c => LocalityCentre(c, name)) is { } locality)
            return locality;
        var named = AreasNamed(await areas.CurrentAsync(connection), name);
        if (named.Count == 0) return PlaceLookup.Unknown($"no organization is in a locality named '{name}', and no area is named so");
        if (named.Count > 1)
            return PlaceLookup.Unknown($"{named.Count} areas are named '{name}' ({string.Join(", ", named.Take(3).Select(a => a.Id))}); give one's id");
        var (areaColumns, matched, _) = await MatchAsync(connection, new SearchQuery { Areas = [named[0].Id] });
        using var __ = matched;
        return cache.Read(areaColumns, c => PlaceCentres.OfOrganizations(c, matched, named[0].Name)) is { } area
            ? PlaceLookup.Of(area)
            : PlaceLookup.Unknown($"no organization in {named[0].Name} has coordinates to measure from");
    }

    /// <summary>
    /// A locality's centre is a pass over every organization's locations (tens of milliseconds at a million): each place
    /// is measured once per version of the columns. Called under the columns' read lock.
    /// </summary>
    private PlaceLookup? LocalityCentre(SearchColumns columns, string name)
    {
        var key = PlaceKey.Of(name);
        if (!localityCentres.TryGet(columns.Version, key, out var centre))
            localityCentres.Keep(columns.Version, key, centre = PlaceCentres.OfLocality(columns, name));
        return centre;
    }

    /// <summary>
    /// Whether a place of this name is one a search could be near (<see cref="FindPlaceAsync"/>), checked
    /// without measuring its centre: a locality organizations write, or the one area named so.
    /// </summary>
    public async Task<bool> KnowsPlaceAsync(DbConnection connection, string place)
    {
        var key = PlaceKey.Of(place.Trim());
        if (key.Length == 0) return false;
        var columns = await cache.CurrentAsync(connection);
        if (cache.Read(columns, c => c.PlaceGroups.Find(key)) != 0) return true;
        return AreasNamed(await areas.CurrentAsync(connection), place.Trim()).Count == 1;
    }

    // The area with this id, or the areas with this name.
    private static List<Areas.Area> AreasNamed(Areas.AreaGazetteer gazetteer, string name)
    {
        var key = Areas.AreaNames.Key(name);
        return gazetteer.Find(name) is { } byId ? [byId]
            : key.Length == 0 ? [] : gazetteer.Search(name, null, 50).Where(a => Areas.AreaNames.KeysOf(a.Name).Contains(key)).ToList();
    }

    /// <summary>How many organizations the query matches, without ordering a page or counting facets.</summary>
    /// <param name="text">The query's text already parsed (<see cref="ParseAsync"/>): a caller counting several variants of one search corrects its typos once.</param>
    public async Task<int> TotalAsync(DbConnection connection, SearchQuery query, TextQuery? text = null)
    {
        var (_, matched, _) = await MatchAsync(connection, query, text);
        using var __ = matched;
        return matched.Count;
    }

    /// <summary>
    /// Reads what searches keep in memory (the search columns, and their relationships by object) now,
    /// so that the first search or graph query does not wait for it; searches arriving meanwhile wait
    /// for the same read.
    /// </summary>
    public async Task PrepareAsync(DbConnection connection)
    {
        var columns = await cache.CurrentAsync(connection);
        cache.Read(columns, c => c.Incoming);
    }

    /// <summary>The search columns, current for this connection.</summary>
    internal Task<SearchColumns> ColumnsAsync(DbConnection connection) => cache.CurrentAsync(connection);

    /// <summary>Runs <paramref name="read"/> over the columns, current for this connection, while no update rewrites them.</summary>
    internal async Task<T> ReadColumnsAsync<T>(DbConnection connection, Func<SearchColumns, T> read) =>
        cache.Read(await cache.CurrentAsync(connection), read);

    /// <summary>The columns, current for this connection, and the ids of the organizations the query matches (in no order).</summary>
    private async Task<(SearchColumns Columns, IdList Matched, TextQuery? Text)> MatchAsync(DbConnection connection, SearchQuery query, TextQuery? parsed = null)
    {
        var text = parsed ?? await ParseAsync(connection, query.Text);
        var columns = await cache.CurrentAsync(connection);
        var gazetteer = query.Areas.Count > 0 ? await areas.CurrentAsync(connection) : null;
        using var found = text is null ? null : await textIndex.MatchAsync(connection, text);
        using var among = query.Among is null ? null : Among(query.Among, found);
        var candidates = among ?? found;
        var matched = cache.Read(columns, c =>
        {
            using var filter = new ColumnFilter(c, query, gazetteer);
            return candidates is null ? filter.All() : filter.Of(candidates);
        });
        return (columns, matched, text);
    }

    // The given organizations, or those of them the text matched.
    private static IdList Among(IReadOnlyCollection<long> ids, IdList? found)
    {
        var among = new IdList();
        if (found is null)
        {
            foreach (var id in ids.Select(ColumnsId).Distinct()) if (id > 0) among.Add(id);
            return among;
        }
        var wanted = ids.Select(ColumnsId).ToHashSet();
        foreach (var id in found.Span) if (wanted.Contains(id)) among.Add(id);
        return among;
    }

    /// <summary>
    /// The first <paramref name="limit"/> organizations, in id order, whose name holds every ranking
    /// word and whose document matches the text. The names are looked at in the columns, in id order,
    /// a batch at a time; only each batch's candidates are checked against the full-text index, so a
    /// word common in descriptions but rare in names costs one pass over the columns, not one
    /// look-up per matching document.
    /// </summary>
    internal async Task<List<long>> NamesHoldingWordsAsync(DbConnection connection, SearchColumns columns, TextQuery text, int limit)
    {
        var found = new List<long>();
        var (after, batch) = (0, 64);
        while (found.Count < limit)
        {
            var candidates = cache.Read(columns, c =>
            {
                using var tiers = new TextTiers(c, text);
                var next = new List<int>();
                if (after == 0 && !tiers.VocabularyHoldsAll()) return next;
                for (var id = after + 1; id < c.Capacity && next.Count < batch; id++)
                {
                    if (c.Kind[id] != 0 && tiers.NameHoldsAll(id)) next.Add(id);
                }
                return next;
            });
            if (candidates.Count == 0) break;
            found.AddRange((await textIndex.MatchAmongAsync(connection, text, candidates)).Order());
            if (candidates.Count < batch) break;
            (after, batch) = (candidates[^1], batch * 4);
        }
        return found.Take(limit).ToList();
    }

    /// <summary>The most populous locality groups starting with the text (ignoring case as place filters do), largest first.</summary>
    internal List<(string Label, int Count)> LocalitiesStartingWith(SearchColumns columns, string text, int limit)
    {
        var key = PlaceKey.Of(text);
        return cache.Read(columns, c => c.Localities.StartingWith(c, key, limit));
    }

    /// <summary>
    /// How many organizations each area just within <paramref name="area"/> holds (a state's cities and
    /// counties; a country's regions), by where their locations resolve: one pass over the area's matches.
    /// An organization counts once per child area it has a location in.
    /// </summary>
    public async Task<IReadOnlyList<(Areas.Area Area, int Organizations)>> CountsWithinAsync(DbConnection connection, Areas.Area area)
    {
        var gazetteer = await areas.CurrentAsync(connection);
        var (columns, matched, _) = await MatchAsync(connection, new SearchQuery { Areas = [area.Id] });
        using var __ = matched;
        var top = gazetteer.IndexOf(area.Id);
        var counts = cache.Read(columns, c =>
        {
            var byChild = new Dictionary<int, int>();
            var seen = new HashSet<int>();
            foreach (var id in matched.Span)
            {
                seen.Clear();
                var (start, count) = c.Locations(id);
                for (var i = start; i < start + count; i++)
                {
                    var child = ChildOnPath(gazetteer, ResolvedIndex(c, gazetteer, i), top);
                    if (child >= 0 && seen.Add(child)) byChild[child] = byChild.GetValueOrDefault(child) + 1;
                }
            }
            return byChild;
        });
        return counts.Select(kv => (gazetteer[kv.Key], kv.Value)).OrderByDescending(x => x.Value).ThenBy(x => x.Item1.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The written places (country, region, locality) whose locality or region no area answers to, with
    /// why and how many organizations write them, most written first: what the resolution by name could
    /// not do and will not guess. Only countries the areas cover are looked at.
    /// </summary>
    public async Task<IReadOnlyList<UnresolvedPlace>> UnresolvedPlacesAsync(DbConnection connection, int limit)
    {
        var gazetteer = await areas.CurrentAsync(connection);
        var columns = await cache.CurrentAsync(connection);
        return cache.Read(columns, c =>
        {
            var places = new Dictionary<(int, int, int), (int Count, string Why, string? Country, string? Region, string? Locality)>();
            var own = new HashSet<(int, int, int)>();
            for (var id = 1; id < c.Capacity; id++)
            {
                if (c.Kind[id] == 0) continue;
                own.Clear();
                var (start, count) = c.Locations(id);
                for (var i = start; i < start + count; i++)
                {
                    var key = ((int)c.LocationCountry[i], c.GroupOf(c.LocationRegion[i]), c.GroupOf(c.LocationLocality[i]));
                    // An organization counts once per place, however many of its locations write it.
                    if (!own.Add(key)) continue;
                    if (places.TryGetValue(key, out var seen)) { if (seen.Why.Length > 0) places[key] = seen with { Count = seen.Count + 1 }; continue; }
                    var (country, region, locality) = c.WrittenPlace(i);
                    var why = gazetteer.Resolve(country, region, locality).Unresolved ?? "";
                    places[key] = (why.Length > 0 ? 1 : 0, why, country, region, locality);
                }
            }
            return places.Values.Where(p => p.Why.Length > 0).OrderByDescending(p => p.Count).ThenBy(p => p.Locality, StringComparer.Ordinal)
                .Take(limit).Select(p => new UnresolvedPlace(p.Country, p.Region, p.Locality, p.Why, p.Count)).ToList();
        });
    }

    private static int ResolvedIndex(SearchColumns c, Areas.AreaGazetteer gazetteer, int location)
    {
        var (country, region, locality) = c.WrittenPlace(location);
        return gazetteer.Resolve(country, region, locality).Area is { } resolved ? gazetteer.IndexOf(resolved.Id) : -1;
    }

    // The area just below top on the way up from area, or -1 when area is top itself or outside it.
    private static int ChildOnPath(Areas.AreaGazetteer gazetteer, int area, int top)
    {
        for (var i = area; i >= 0; i = gazetteer.ParentOf(i)) if (gazetteer.ParentOf(i) == top) return i;
        return -1;
    }

    /// <summary>The columns hold ids up to int.MaxValue (<see cref="SearchColumns.SetOrganization"/> refuses more); 0 for any other is no organization.</summary>
    internal static int ColumnsId(long id) => id is > 0 and <= int.MaxValue ? (int)id : 0;
}

/// <summary>Region and locality names compare ignoring case: what names of one place group have in common.</summary>
public static class PlaceKey
{
    public static string Of(string place) => place.ToLowerInvariant();

    /// <summary>
    /// Whether one spelling of a place names its group before another: written in mixed case before
    /// all capitals ("Manchester", not "MANCHESTER"), then the smallest in code-point order.
    /// </summary>
    public static bool Before(string spelling, string other)
    {
        var (mixed, otherMixed) = (spelling.Any(char.IsLower), other.Any(char.IsLower));
        return mixed != otherMixed ? mixed : string.CompareOrdinal(spelling, other) < 0;
    }
}
