using System.Text.Json.Serialization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>GET /api/v1/organizations: one page of results and facet counts for the whole result set.</summary>
public sealed record OrganizationList(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<OrganizationListItem> Items,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets)
{
    public static OrganizationList From(SearchResult result) => new(
        result.Total, result.Page, result.PageSize,
        result.Items.Select(OrganizationListItem.From).ToList(),
        result.Facets.ToDictionary(f => f.Key, IReadOnlyDictionary<string, long> (f) => f.Value.ToDictionary(v => v.Value, v => v.Count)));
}

public sealed record OrganizationListItem(
    long Id,
    string Slug,
    string Name,
    string Kind,
    IReadOnlyList<string> Types,
    string? Sector,
    string Status,
    string? Website,
    IReadOnlyList<LocationDetail> Locations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm)
{
    public static OrganizationListItem From(OrganizationSummary s) => new(
        s.Id, s.Slug, s.Name, s.Kind, s.Types, s.Sector, s.Status, s.Website,
        s.Locations.Select(LocationDetail.From).ToList(), s.DistanceKm);
}

/// <summary>GET /api/v1/organizations/map-points: every located match, as [id, latitude, longitude, name].</summary>
public sealed record MapPoints(int Count, bool Truncated, IReadOnlyList<object[]> Points);
