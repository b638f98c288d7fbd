using System.ComponentModel;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Search;

/// <summary>The search query string, shared by the API, the search page and the map points.</summary>
public sealed class OrganizationSearchRequest
{
    [FromQuery(Name = "q"), Description("Free text over names, alternate names, description and place")]
    public string? Q { get; set; }

    [FromQuery(Name = "kind"), Description("Kind codes (repeat or comma-separate for any of several)")]
    public string[]? Kind { get; set; }

    [FromQuery(Name = "type"), Description("Cooperative type codes")]
    public string[]? Type { get; set; }

    [FromQuery(Name = "sector"), Description("Sector codes")]
    public string[]? Sector { get; set; }

    [FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 country codes")]
    public string[]? Country { get; set; }

    [FromQuery(Name = "region"), Description("Region names, case-insensitive")]
    public string[]? Region { get; set; }

    [FromQuery(Name = "locality"), Description("Locality (town, city) names, case-insensitive")]
    public string[]? Locality { get; set; }

    [FromQuery(Name = "near"), Description("latitude,longitude: adds distance_km and allows radius_km and sort=distance")]
    public string? Near { get; set; }

    [FromQuery(Name = "radius_km"), Description("Only organizations within this many km of near")]
    public string? RadiusKm { get; set; }

    [FromQuery(Name = "bbox"), Description("minLon,minLat,maxLon,maxLat; minLon > maxLon crosses the antimeridian")]
    public string? Bbox { get; set; }

    [FromQuery(Name = "sort"), Description("relevance (default with q), distance (default with near) or name")]
    public string? Sort { get; set; }

    [FromQuery(Name = "page"), Description("1-based page number")]
    public string? Page { get; set; }

    [FromQuery(Name = "page_size"), Description("Results per page, 1 to 100 (default 20)")]
    public string? PageSize { get; set; }

    public SearchParameters ToParameters() => new()
    {
        Q = Q, Kind = Kind, Type = Type, Sector = Sector, Country = Country, Region = Region, Locality = Locality,
        Near = Near, RadiusKm = RadiusKm, Bbox = Bbox, Sort = Sort, Page = Page, PageSize = PageSize,
    };
}
