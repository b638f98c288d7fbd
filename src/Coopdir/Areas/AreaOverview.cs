using Coopdir.Core.Areas;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Areas;

/// <summary>Organizations of one kind in an area: how many, and the first of them by name.</summary>
public sealed record KindGroup(string Kind, string Label, long Total, IReadOnlyList<OrganizationSummary> First);

/// <summary>
/// Everything about one place in one read, for its page and its API record: the area and its ancestors,
/// the organizations located in it or within it (by kind, and the co-operatives by type and sector), the
/// municipalist organizations by kind (city government, digital service teams, civic tech groups, city
/// networks, currencies), the networks its organizations belong to, and the areas within it that hold
/// organizations. Every figure is a search with <c>area=</c>, so it is what a search finds.
/// </summary>
public sealed record AreaOverview(
    Area Area, IReadOnlyList<Area> Ancestors, int ChildAreas, long Organizations, IReadOnlyList<FacetValue> Kinds,
    IReadOnlyList<KindGroup> Municipalist, long Cooperatives, IReadOnlyList<FacetValue> CooperativeTypes,
    IReadOnlyList<FacetValue> CooperativeSectors, IReadOnlyList<FacetValue> Networks, IReadOnlyList<(Area Area, int Organizations)> Within)
{
    public const int ListedPerKind = 50;

    /// <summary>The kinds a place page lists by name, in the order the page shows them; those the vocabulary lacks are skipped.</summary>
    public static readonly IReadOnlyList<string> MunicipalistKinds = ["municipality", "digital-service", "civic-tech", "city-network", "currency"];

    public static async Task<AreaOverview?> OfAsync(Store store, string id)
    {
        await using var connection = await store.OpenForReadingAsync();
        var gazetteer = await store.Areas.CurrentAsync(connection);
        if (gazetteer.Find(id) is not { } area) return null;
        var here = new SearchQuery { Areas = [area.Id], PageSize = 1 };
        var all = await store.Search.RunAsync(connection, here);
        var groups = new List<KindGroup>();
        foreach (var kind in MunicipalistKinds.Where(k => Vocabularies.Kind.Find(k) is not null))
        {
            var found = await store.Search.RunAsync(connection, here with { Kinds = [kind], PageSize = ListedPerKind, Sort = SearchSort.Name });
            groups.Add(new KindGroup(kind, Vocabularies.Kind.LabelOf(kind), found.Total, found.Items));
        }
        var cooperatives = await store.Search.RunAsync(connection, here with { Kinds = ["cooperative"] });
        var within = area.Level == AreaLevel.District ? [] : await store.Search.CountsWithinAsync(connection, area);
        return new AreaOverview(area, gazetteer.Ancestors(area), gazetteer.Children(area).Count, all.Total, all.Facets[Facets.Kind], groups,
            cooperatives.Total, cooperatives.Facets[Facets.Type], cooperatives.Facets[Facets.Sector], all.Facets[Facets.Networks], within);
    }
}
