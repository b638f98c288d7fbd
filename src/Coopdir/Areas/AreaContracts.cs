using System.Text.Json.Serialization;
using Coopdir.Core.Areas;
using Coopdir.Core.Search;

namespace Coopdir.Areas;

/// <summary>An area in a list: enough to name it and find it.</summary>
public sealed record AreaSummary(
    string Id, string Name, string Level, [property: JsonPropertyName("parent_id")] string? ParentId, string Url,
    [property: JsonPropertyName("parent_name")] string? ParentName)
{
    public static AreaSummary From(Area area, AreaGazetteer gazetteer)
    {
        var parent = gazetteer.Parent(area);
        return new(area.Id, area.Name, area.Level, parent?.Id, AreasEndpoints.PageUrl(area.Id), parent?.Name);
    }
}

/// <summary>GET /api/v1/areas and /api/v1/areas/suggest.</summary>
public sealed record AreaListResponse(IReadOnlyList<AreaSummary> Items);

/// <summary>Organizations of one kind in the area, with the first of them.</summary>
public sealed record KindGroupResponse(string Kind, string Label, long Total, IReadOnlyList<NamedOrganization> Organizations);

public sealed record NamedOrganization(long Id, string Name, string Url);

public sealed record AreaCount(AreaSummary Area, long Organizations);

/// <summary>GET /api/v1/areas/{id}: the area, where it sits, and what is located in it.</summary>
public sealed record AreaResponse(
    string Id, string Name, string Level, string Source,
    [property: JsonPropertyName("valid_from")] string? ValidFrom,
    [property: JsonPropertyName("valid_through")] string? ValidThrough,
    IReadOnlyList<AreaSummary> Ancestors,
    [property: JsonPropertyName("child_areas")] int ChildAreas,
    long Organizations,
    IReadOnlyList<FacetValue> Kinds,
    IReadOnlyList<KindGroupResponse> Municipalist,
    long Cooperatives,
    [property: JsonPropertyName("cooperative_types")] IReadOnlyList<FacetValue> CooperativeTypes,
    [property: JsonPropertyName("cooperative_sectors")] IReadOnlyList<FacetValue> CooperativeSectors,
    IReadOnlyList<FacetValue> Networks,
    IReadOnlyList<AreaCount> Within,
    [property: JsonPropertyName("search_url")] string SearchUrl)
{
    public static AreaResponse From(AreaOverview o, AreaGazetteer gazetteer) => new(
        o.Area.Id, o.Area.Name, o.Area.Level, o.Area.Source, o.Area.ValidFrom, o.Area.ValidThrough,
        o.Ancestors.Select(a => AreaSummary.From(a, gazetteer)).ToList(), o.ChildAreas, o.Organizations, o.Kinds,
        o.Municipalist.Select(g => new KindGroupResponse(g.Kind, g.Label, g.Total,
            g.First.Select(s => new NamedOrganization(s.Id, s.Name, $"/api/v1/organizations/{s.Id}")).ToList())).ToList(),
        o.Cooperatives, o.CooperativeTypes, o.CooperativeSectors, o.Networks,
        o.Within.Select(w => new AreaCount(AreaSummary.From(w.Area, gazetteer), w.Organizations)).ToList(),
        AreasEndpoints.SearchUrl(o.Area.Id));
}

/// <summary>GET /api/v1/areas/unresolved: places organizations write that no area answers to.</summary>
public sealed record UnresolvedPlaceResponse(string? Country, string? Region, string? Locality, string Why, int Organizations);
