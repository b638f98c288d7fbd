using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Coopdir.Core.Solutions;

namespace Coopdir.Solutions;

/// <summary>A solution in the catalogue's list.</summary>
/// <param name="ReuseCount">How many organizations use it now (a uses_software relationship neither ended nor disputed).</param>
public sealed record SolutionListItem(long Id, string Name, string? ShortDescription, string? Licence, string? Status, string? StatusLabel,
    int ReuseCount, string Url, string ApiUrl)
{
    public static SolutionListItem From(CatalogueEntry e) => new(e.Id, e.Name, e.ShortDescription, e.Licence, e.Status,
        e.Status is null ? null : CatalogueFacets.LabelOf(CatalogueFacets.Status, e.Status), e.ReuseCount,
        $"/organizations/{e.Id}", $"/api/v1/solutions/{e.Id}");
}

/// <summary>GET /api/v1/solutions: a page of solutions, the total, and per facet each value's count with its label.</summary>
public sealed record SolutionList(long Total, int Page, int PageSize, IReadOnlyList<SolutionListItem> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    public static SolutionList From(CatalogueResult r) =>
        new(r.Total, r.Page, r.PageSize, r.Items.Select(SolutionListItem.From).ToList(), r.Facets);
}

/// <summary>One facet of a solution (a classification scheme, a vocabulary at /vocabularies/{scheme} where it has one), with its codes and labels.</summary>
public sealed record SolutionFacetDetail(string Scheme, string Title, IReadOnlyList<SolutionFacetValue> Values)
{
    public static IReadOnlyList<SolutionFacetDetail> Of(OrganizationContent c) =>
        SolutionRules.Facets
            .Select(f => new SolutionFacetDetail(f.Scheme, f.Label, SolutionRules.CodesOf(c, f.Scheme)
                .Select(code => new SolutionFacetValue(code, LabelOf(f, code))).ToList()))
            .Where(f => f.Values.Count > 0)
            .ToList();

    private static string LabelOf(SolutionFacet f, string code) =>
        f.Scheme == SolutionRules.CountryOfUse ? Countries.NameOf(code) : f.Vocabulary?.LabelOf(code) ?? code;
}

public sealed record SolutionFacetValue(string Code, string Label);

/// <summary>An organization that maintains, funds or uses the solution: the relationship and its status.</summary>
public sealed record SolutionOrganization(long OrganizationId, string Name, long RelationshipId, string Status, string RelationshipUrl);

/// <summary>
/// An organization a source names in a role that no relationship stands for: <c>possible_organization_id</c>
/// is the directory's organization it may be (to confirm by making the relationship), absent for a name the
/// directory has no organization for.
/// </summary>
public sealed record SolutionPartyDetail(string Role, string RelationshipType, string Name, string? Url, long? PossibleOrganizationId,
    string? PossibleOrganizationName);

/// <summary>GET /api/v1/solutions/{id}: a solution, its facets and facts, who maintains, funds and uses it, and where to read more.</summary>
public sealed record SolutionDetail(
    long Id, string Name, string? ShortDescription, string? Description, string? Website, IReadOnlyList<string> Repositories,
    IReadOnlyList<SolutionFacetDetail> Facets, SolutionFacts? Facts,
    IReadOnlyList<SolutionOrganization> Maintainers, IReadOnlyList<SolutionOrganization> Funders, IReadOnlyList<SolutionOrganization> Users,
    IReadOnlyList<SolutionPartyDetail> PossibleParties, IReadOnlyList<SolutionPartyDetail> UnresolvedParties,
    int ReuseCount, string Url, string RecordUrl, string PublicCodeUrl, string UsersMapPointsUrl)
{
    public static SolutionDetail From(Organization solution, IReadOnlyDictionary<long, string> names)
    {
        var c = solution.Content;
        IReadOnlyList<SolutionOrganization> Linked(string type)
        {
            var link = SolutionLinks.Types.First(t => t.RelationshipType == type);
            return SolutionLinks.Of(solution, link).Select(r => new SolutionOrganization(r.OtherThan(solution.Id), r.OtherNameThan(solution.Id),
                r.Id, RelationshipText.Of(r.State.Status), $"/relationships/{r.Id}")).ToList();
        }
        var unlinked = SolutionLinks.Unlinked(solution).Select(u => new SolutionPartyDetail(u.Party.Role, u.Link.RelationshipType, u.Party.Name,
            u.Party.Url, u.PossibleOrganizationId, u.PossibleOrganizationId is { } id ? names.GetValueOrDefault(id) : null)).ToList();
        return new SolutionDetail(solution.Id, c.Name, SolutionCatalogue.ShortDescriptionOf(c), c.Description, c.Website,
            SolutionRules.RepositoriesOf(c), SolutionFacetDetail.Of(c), c.Solution,
            Linked("maintains_software"), Linked("funded_by"), Linked("uses_software"),
            // A possible organization deleted since the import is a name again.
            unlinked.Where(p => p.PossibleOrganizationName is not null).ToList(),
            unlinked.Where(p => p.PossibleOrganizationName is null).Select(p => p with { PossibleOrganizationId = null }).ToList(),
            SolutionCatalogue.Users(solution).Distinct().Count(),
            $"/organizations/{solution.Id}", $"/api/v1/organizations/{solution.Id}", $"/api/v1/solutions/{solution.Id}/publiccode.yml",
            $"/api/v1/solutions/{solution.Id}/users/map-points");
    }
}
