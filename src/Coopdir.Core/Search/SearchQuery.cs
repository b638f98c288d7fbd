using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Search;

public sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>A box in degrees; when MinLon &gt; MaxLon the box crosses the antimeridian.</summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    public bool CrossesAntimeridian => MinLon > MaxLon;
}

public enum SearchSort { Relevance, Name, Distance }

/// <summary>A validated search: what the API, the pages and exports all run.</summary>
public sealed record SearchQuery
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public string? Text { get; init; }
    public IReadOnlyList<string> Kinds { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> Localities { get; init; } = [];
    /// <summary>Area ids (OCD division ids): organizations with a location that resolves to one of them or to an area within it.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
    public GeoPoint? Near { get; init; }
    public double? RadiusKm { get; init; }
    public BoundingBox? Bbox { get; init; }

    /// <summary>Members of any of these organizations: a member_of relationship naming it, of <see cref="RelationshipStatuses"/> (by default, any that holds now).</summary>
    public IReadOnlyList<long> MemberOf { get; init; } = [];

    /// <summary>With <see cref="MemberOf"/>: members of its current members too, at any depth.</summary>
    public bool Transitive { get; init; }

    /// <summary>With <see cref="MemberOf"/>, the statuses of that membership; without, organizations at either end of any relationship of these statuses.</summary>
    public IReadOnlyList<RelationshipStatusCode> RelationshipStatuses { get; init; } = [];

    /// <summary>Only stale or only current records, or either when null; judged against <see cref="CurrentFromDay"/>.</summary>
    public FreshnessFilter? Freshness { get; init; }

    /// <summary>With <see cref="Freshness"/>: the first day a confirmation keeps a record current (<see cref="Organizations.Freshness.CurrentFromDay"/>, taken when the query was parsed).</summary>
    public int CurrentFromDay { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Name;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Only these organizations (a network's members), or any when null; the other conditions apply among them.</summary>
    public IReadOnlyCollection<long>? Among { get; init; }

    /// <summary>No text and no filter: every organization matches.</summary>
    public bool IsEverything => string.IsNullOrWhiteSpace(Text) && Kinds.Count == 0 && Types.Count == 0 && Sectors.Count == 0
        && !HasLocationFilter && !HasRelationshipFilter && Freshness is null && Among is null;

    public bool HasRelationshipFilter => MemberOf.Count > 0 || RelationshipStatuses.Count > 0;

    public bool HasLocationFilter =>
        Countries.Count > 0 || Regions.Count > 0 || Localities.Count > 0 || Areas.Count > 0 || RadiusKm is not null || Bbox is not null;
}

public sealed record OrganizationSummary(
    long Id,
    string Slug,
    string Name,
    string Kind,
    IReadOnlyList<string> Types,
    string? Sector,
    string Status,
    string? Website,
    IReadOnlyList<Location> Locations,
    double? DistanceKm);

public sealed record FacetValue(string Value, string Label, long Count);

public sealed record SearchResult(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<OrganizationSummary> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);

    /// <summary>The search text with its misspelt words corrected (<see cref="TextQuery.Corrected"/>), or null when none was.</summary>
    public string? DidYouMean { get; init; }
}

/// <summary>The names of the facet dimensions, which are also the filter parameter names (but for <see cref="Networks"/>).</summary>
public static class Facets
{
    public const string Kind = "kind";
    public const string Type = "type";
    public const string Sector = "sector";
    public const string Country = "country";
    public const string Region = "region";
    public const string Locality = "locality";

    /// <summary>The networks the results are current members of, by id and labelled with their names; filtered by member_of.</summary>
    public const string Networks = "networks";

    public static readonly IReadOnlyList<string> All = [Kind, Type, Sector, Country, Region, Locality, Networks];

    /// <summary>The search parameter that filters on a facet's values.</summary>
    public static string ParameterOf(string facet) => facet == Networks ? "member_of" : facet;

    /// <summary>Region, locality and networks have thousands of values; facets list the most frequent.</summary>
    public const int MaxFrequentValues = 50;
}
