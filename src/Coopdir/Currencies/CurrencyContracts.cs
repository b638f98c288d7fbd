using Coopdir.Core.Currencies;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Currencies;

/// <summary>One facet of a currency: its scheme (a vocabulary at /vocabularies/{scheme}), its Murmurations field, and its codes with their labels.</summary>
public sealed record CurrencyFacetDetail(string Scheme, string MurmurationsField, string Title, IReadOnlyList<CurrencyFacetValue> Values)
{
    /// <summary>The facets the currency has values for, in the vocabulary's order of facets.</summary>
    public static IReadOnlyList<CurrencyFacetDetail> Of(OrganizationContent c) =>
        CurrencyFacets.All
            .Select(f => new CurrencyFacetDetail(f.Scheme, f.MurmurationsField, f.Vocabulary.Title,
                CurrencyFacets.CodesOf(c, f).Distinct().Select(code => new CurrencyFacetValue(code, f.Vocabulary.LabelOf(code))).ToList()))
            .Where(f => f.Values.Count > 0)
            .ToList();
}

public sealed record CurrencyFacetValue(string Code, string Label);

/// <summary>An organization at the other end of a currency's relationship.</summary>
public sealed record CurrencyParty(long OrganizationId, string Name, long RelationshipId, string Status);

/// <summary>GET /api/v1/currencies/{id}: a community currency, its facets, who issues it and how many accept it (confirmed by both sides).</summary>
public sealed record CurrencyDetail(
    long Id, string Name, string? Description, string? Website, int? LaunchYear, IReadOnlyList<LocationDetail> Locations,
    IReadOnlyList<CurrencyFacetDetail> Facets, IReadOnlyList<CurrencyParty> IssuedBy, int AcceptedByCount,
    string Url, string AcceptedByUrl, string MurmurationsProfileUrl)
{
    public static CurrencyDetail From(Organization currency)
    {
        var c = currency.Content;
        return new CurrencyDetail(currency.Id, c.Name, c.Description, c.Website, CurrencyFacets.LaunchYear(c),
            c.Locations.Select(l => LocationDetail.From(l)).ToList(), CurrencyFacetDetail.Of(c),
            Acceptance.IssuedBy(currency).Select(r => Party(r, r.SubjectId, r.SubjectName)).ToList(),
            Acceptance.AcceptingIds(currency).Count,
            $"/currencies/{currency.Id}", $"/api/v1/currencies/{currency.Id}/accepted-by", $"/organizations/{currency.Id}/murmurations.json");
    }

    private static CurrencyParty Party(RelationshipView r, long id, string name) => new(id, name, r.Id, RelationshipText.Of(r.State.Status));
}

/// <summary>GET /api/v1/currencies: a page of community currencies (the search's own parameters, kind always currency).</summary>
public sealed record CurrencyList(long Total, int Page, int PageSize, IReadOnlyList<CurrencyDetail> Items);
