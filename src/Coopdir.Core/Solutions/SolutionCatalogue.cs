using System.Data.Common;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;

namespace Coopdir.Core.Solutions;

/// <summary>A solution as the catalogue lists it: what a result shows, and its value of every facet.</summary>
/// <param name="ReuseCount">How many organizations use it now: a uses_software relationship neither ended nor disputed.</param>
/// <param name="Values">Per facet parameter (<see cref="CatalogueFacets"/>), its values.</param>
/// <param name="Users">The organizations that use it now.</param>
public sealed record CatalogueEntry(long Id, string Name, string? ShortDescription, string? Licence, string? Status, int ReuseCount,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyList<long> Users);

public enum CatalogueSort { Reuse, Name }

/// <summary>A checked search of the catalogue: text, facet filters (any of a facet's values, every facet), order and page.</summary>
public sealed record CatalogueQuery
{
    public string? Text { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public CatalogueSort Sort { get; init; } = CatalogueSort.Reuse;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchQuery.DefaultPageSize;
}

/// <param name="Facets">Per facet, each value's count among the solutions that match every other facet's filter.</param>
public sealed record CatalogueResult(long Total, int Page, int PageSize, IReadOnlyList<CatalogueEntry> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>
/// The catalogue of shared solutions, kept in memory: a few hundred to a few thousand records whose facets
/// need their maintainers' kinds and their users' countries, which no search column holds. It is read again
/// whenever the directory's newest revision changes (every write, relationships included, appends one), the
/// same cheap check the search columns make; between writes a request reads nothing but that number.
/// </summary>
public sealed class SolutionCatalogue(OrganizationSearch search)
{
    private const int Batch = 500;

    private sealed record Snapshot(long Version, IReadOnlyList<CatalogueEntry> Entries);

    private readonly SemaphoreSlim building = new(1, 1);
    private Snapshot? current;

    /// <summary>Every solution, current for this connection, most reused first.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> EntriesAsync(DbConnection connection)
    {
        var version = await Search.Columns.ColumnsLoader.VersionAsync(connection);
        if (current is { } seen && seen.Version == version) return seen.Entries;
        await building.WaitAsync();
        try
        {
            if (current is { } again && again.Version == version) return again.Entries;
            var fresh = new Snapshot(version, await BuildAsync(connection));
            current = fresh;
            return fresh.Entries;
        }
        finally
        {
            building.Release();
        }
    }

    /// <summary>
    /// A page of the solutions the query matches, and the facet counts. Text goes to the directory's own search,
    /// restricted to kind solution: its index already holds names, descriptions in every language and short
    /// descriptions, and its word forms and typo correction then work here as everywhere else; the facets are
    /// filtered and counted over the catalogue in memory.
    /// </summary>
    public async Task<CatalogueResult> SearchAsync(DbConnection connection, CatalogueQuery query)
    {
        var entries = await EntriesAsync(connection);
        IReadOnlySet<long>? textMatches = null;
        if (!string.IsNullOrWhiteSpace(query.Text))
            textMatches = (await search.MatchingIdsAsync(connection, new SearchQuery { Text = query.Text, Kinds = [SolutionRules.Kind] })).ToHashSet();
        var candidates = textMatches is null ? entries : entries.Where(e => textMatches.Contains(e.Id)).ToList();

        var matched = candidates.Where(e => Matches(e, query.Filters, except: null)).ToList();
        var facets = CatalogueFacets.All.ToDictionary(f => f.Parameter, f => Count(candidates.Where(e => Matches(e, query.Filters, except: f.Parameter)), f.Parameter));
        IEnumerable<CatalogueEntry> ordered = query.Sort == CatalogueSort.Name
            ? matched.OrderBy(e => e.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(e => e.Id)
            : matched;
        var page = ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new CatalogueResult(matched.Count, query.Page, query.PageSize, page, facets);
    }

    /// <summary>The catalogue's entry for a solution, or null when there is no solution with this id.</summary>
    public async Task<CatalogueEntry?> FindAsync(DbConnection connection, long id) =>
        (await EntriesAsync(connection)).FirstOrDefault(e => e.Id == id);

    /// <summary>The solutions an organization uses now (a current uses_software relationship), most reused first.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> UsedByAsync(DbConnection connection, long organizationId) =>
        (await EntriesAsync(connection)).Where(e => e.Users.Contains(organizationId)).ToList();

    // A filter on a facet holds when the entry has any of its values; facets combine with "and". A facet's own
    // counts leave out its own filter, so choosing one licence still shows how many each other licence has.
    private static bool Matches(CatalogueEntry e, IReadOnlyDictionary<string, IReadOnlyList<string>> filters, string? except)
    {
        foreach (var (parameter, wanted) in filters)
        {
            if (parameter == except || wanted.Count == 0) continue;
            var values = e.Values.GetValueOrDefault(parameter) ?? [];
            if (!values.Any(v => wanted.Contains(v, StringComparer.OrdinalIgnoreCase))) return false;
        }
        return true;
    }

    private static IReadOnlyList<FacetValue> Count(IEnumerable<CatalogueEntry> entries, string parameter) =>
        entries.SelectMany(e => e.Values.GetValueOrDefault(parameter) ?? [])
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetValue(g.Key, CatalogueFacets.LabelOf(parameter, g.Key), g.Count()))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.InvariantCultureIgnoreCase)
            .ToList();

    private async Task<IReadOnlyList<CatalogueEntry>> BuildAsync(DbConnection connection)
    {
        var ids = await search.MatchingIdsAsync(connection, new SearchQuery { Kinds = [SolutionRules.Kind] });
        var solutions = await LoadAsync(connection, ids, OrganizationParts.All);
        var related = Related(solutions);
        var others = (await LoadAsync(connection, related, OrganizationParts.Locations)).ToDictionary(o => o.Id);
        return solutions.Select(s => EntryOf(s, others))
            .OrderByDescending(e => e.ReuseCount).ThenBy(e => e.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(e => e.Id)
            .ToList();
    }

    private static async Task<List<Organization>> LoadAsync(DbConnection connection, IReadOnlyList<long> ids, OrganizationParts parts)
    {
        var loaded = new List<Organization>(ids.Count);
        foreach (var chunk in ids.Chunk(Batch)) loaded.AddRange(await OrganizationBatch.LoadAsync(connection, chunk, parts));
        return loaded;
    }

    /// <summary>The catalogue's entry for a solution, given (at least) its maintainers and users with their kinds and locations.</summary>
    public static CatalogueEntry EntryOf(Organization s, IReadOnlyDictionary<long, Organization> others)
    {
        var c = s.Content;
        var users = Users(s).Distinct().ToList();
        var licences = SolutionLicences.IdsOf(c.Solution?.Licence);
        var userCountries = users.Select(others.GetValueOrDefault).OfType<Organization>()
            .SelectMany(o => o.Content.Locations.Select(l => l.Country)).OfType<string>().Select(Countries.Normalize).OfType<string>();
        var values = new Dictionary<string, IReadOnlyList<string>>
        {
            [CatalogueFacets.Licence] = licences,
            [CatalogueFacets.Country] = SolutionRules.CodesOf(c, SolutionRules.CountryOfUse).Concat(userCountries).Distinct().ToList(),
            [CatalogueFacets.Maintainer] = Maintainers(s).Select(others.GetValueOrDefault).OfType<Organization>()
                .Select(o => CatalogueFacets.MaintainerKindOf(o.Content.Kind)).Distinct().ToList(),
        };
        foreach (var facet in CatalogueFacets.All)
            if (facet.Scheme is { } scheme && !values.ContainsKey(facet.Parameter)) values[facet.Parameter] = SolutionRules.CodesOf(c, scheme);
        return new CatalogueEntry(s.Id, c.Name, ShortDescriptionOf(c), c.Solution?.Licence,
            SolutionRules.CodesOf(c, "development-status").FirstOrDefault(), users.Count, values, users);
    }

    /// <summary>The organizations whose kind or place the solutions' entries need: their maintainers and users, in id order.</summary>
    public static List<long> Related(IEnumerable<Organization> solutions) =>
        solutions.SelectMany(s => Maintainers(s).Concat(Users(s))).Distinct().Order().ToList();

    /// <summary>The short description in English if there is one, else in the first language that has one.</summary>
    public static string? ShortDescriptionOf(OrganizationContent c)
    {
        var texts = (c.Solution?.Texts ?? []).Where(t => !string.IsNullOrWhiteSpace(t.ShortDescription)).ToList();
        return (texts.FirstOrDefault(t => t.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase)) ?? texts.FirstOrDefault())?.ShortDescription;
    }

    /// <summary>The organizations that maintain the solution now.</summary>
    public static IEnumerable<long> Maintainers(Organization solution) => Current(solution, "maintains_software").Select(r => r.SubjectId);

    /// <summary>The organizations that use the solution now.</summary>
    public static IEnumerable<long> Users(Organization solution) => Current(solution, "uses_software").Select(r => r.SubjectId);

    /// <summary>The relationships of a type naming the solution as their object, that hold now (neither ended nor disputed).</summary>
    public static IEnumerable<RelationshipView> Current(Organization solution, string type) =>
        solution.Relationships.Where(r => r.ObjectId == solution.Id && r.Type == type && r.IsCurrent);
}
