using System.ComponentModel;
using System.Globalization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Search;

/// <summary>
/// A search as it arrives, unchecked: the API and the pages bind it from the query string with
/// [AsParameters], the CLI fills it from options named after the same parameters. <see cref="Parse()"/>
/// checks it into the one <see cref="SearchQuery"/> every search, count and export runs.
/// </summary>
public sealed record SearchRequest
{
    [FromQuery(Name = "q"), Description("Free text over names, alternate names, description and place")]
    public string? Q { get; init; }

    [FromQuery(Name = "kind"), Description("Kind codes (repeat or comma-separate for any of several)")]
    public string[]? Kind { get; init; }

    [FromQuery(Name = "type"), Description("Cooperative type codes")]
    public string[]? Type { get; init; }

    [FromQuery(Name = "sector"), Description("Sector codes")]
    public string[]? Sector { get; init; }

    [FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 country codes")]
    public string[]? Country { get; init; }

    [FromQuery(Name = "region"), Description("Region names, case-insensitive")]
    public string[]? Region { get; init; }

    [FromQuery(Name = "locality"), Description("Locality (town, city) names, case-insensitive")]
    public string[]? Locality { get; init; }

    [FromQuery(Name = "area"), Description("Open Civic Data division ids (repeat for any of several): organizations located in the area or any area within it, e.g. ocd-division/country:us/state:ca")]
    public string[]? Area { get; init; }

    [FromQuery(Name = "near"), Description("latitude,longitude: adds distance_km and allows radius_km and sort=distance")]
    public string? Near { get; init; }

    [FromQuery(Name = "place"), Description("A place by name (a locality organizations write, or an area's name or id): near its centre, the median of its located organizations; radius_km defaults to 10")]
    public string? Place { get; init; }

    [FromQuery(Name = "radius_km"), Description("Only organizations within this many km of near or place")]
    public string? RadiusKm { get; init; }

    [FromQuery(Name = "bbox"), Description("minLon,minLat,maxLon,maxLat; minLon > maxLon crosses the antimeridian")]
    public string? Bbox { get; init; }

    [FromQuery(Name = "member_of"), Description("Organization ids: members of any of these networks (a current member_of relationship naming it, or one of relationship_status)")]
    public string[]? MemberOf { get; init; }

    [FromQuery(Name = "transitive"), Description("true: with member_of, members of its current members too, at any depth")]
    public string? Transitive { get; init; }

    [FromQuery(Name = "relationship_status"), Description("Relationship statuses (proposed, claimed, confirmed, corroborated, disputed, ended): with member_of, the membership's (default: any current one); without, organizations at either end of any relationship with one")]
    public string[]? RelationshipStatus { get; init; }

    [FromQuery(Name = "freshness"), Description("stale: only records not confirmed within the directory's Freshness:StaleAfterDays (default 730) or never; current: only those confirmed within it")]
    public string? Freshness { get; init; }

    /// <summary>The directory's freshness rule: the site's (a service), or the default for the CLI and tests.</summary>
    [FromServices]
    public Freshness? FreshnessRule { get; init; }

    [FromQuery(Name = "sort"), Description("relevance (default with q), distance (default with near or place) or name")]
    public string? Sort { get; init; }

    [FromQuery(Name = "page"), Description("1-based page number")]
    public string? Page { get; init; }

    [FromQuery(Name = "page_size"), Description("Results per page, 1 to 100 (default 20)")]
    public string? PageSize { get; init; }

    public const int MaxQueryLength = 500;
    public const int MaxNetworks = 50;
    public const double MaxRadiusKm = 20_037.5;

    /// <summary>Checks every parameter and reports each one that is wrong, by its query-string name; a place is looked up by <see cref="SearchPlaces.ParseAsync"/>.</summary>
    public (SearchQuery? Query, IReadOnlyList<FieldError> Errors) Parse() =>
        Parse(null, string.IsNullOrWhiteSpace(Place) ? null : new FieldError("place", "is not taken here; give near=latitude,longitude"));

    /// <param name="place">Where <see cref="Place"/> was found, when it was.</param>
    /// <param name="placeError">Why it was not.</param>
    internal (SearchQuery? Query, IReadOnlyList<FieldError> Errors) Parse(PlaceCentre? place, FieldError? placeError)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));
        if (placeError is not null) errors.Add(placeError);
        var located = place is not null || !string.IsNullOrWhiteSpace(Near) || !string.IsNullOrWhiteSpace(Place);

        var text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (text is { Length: > MaxQueryLength }) Add("q", $"is longer than {MaxQueryLength} characters");

        var kinds = Terms(Kind, Vocabularies.Kind, "kind", Add);
        var types = Terms(Type, Vocabularies.Type, "type", Add);
        var sectors = Terms(Sector, Vocabularies.Sector, "sector", Add);
        var countries = new List<string>();
        foreach (var value in Values(Country))
        {
            var code = Countries.Normalize(value);
            if (code is null) Add("country", $"'{value}' is not an ISO 3166-1 alpha-2 country code");
            else countries.Add(code);
        }

        // Ids may hold commas, so areas are only ever repeated, never comma-separated.
        var areas = (Area ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        foreach (var area in areas.Where(a => !Core.Areas.Area.IsDivisionId(a)))
            Add("area", $"'{(area.Length > 80 ? area[..80] + "…" : area)}' is not an Open Civic Data division id (ocd-division/country:xx/…, lower case)");
        if (areas.Count > MaxNetworks) Add("area", $"names more than {MaxNetworks} areas");

        var near = place?.Centre;
        if (!string.IsNullOrWhiteSpace(Near) && !string.IsNullOrWhiteSpace(Place)) Add("place", "cannot be combined with near; give one or the other");
        else if (!string.IsNullOrWhiteSpace(Near))
        {
            var parts = Numbers(Near);
            if (parts is not { Length: 2 }) Add("near", "must be 'latitude,longitude' in decimal degrees");
            else if (parts[0] is < -90 or > 90) Add("near", $"latitude {parts[0]} is not between -90 and 90");
            else if (parts[1] is < -180 or > 180) Add("near", $"longitude {parts[1]} is not between -180 and 180");
            else near = new GeoPoint(parts[0], parts[1]);
        }

        double? radius = null;
        if (!string.IsNullOrWhiteSpace(RadiusKm))
        {
            if (!double.TryParse(RadiusKm, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !double.IsFinite(r) || r <= 0 || r > MaxRadiusKm)
                Add("radius_km", $"must be a number of kilometres above 0 and at most {MaxRadiusKm}");
            else if (!located) Add("radius_km", "needs near=latitude,longitude or place");
            else radius = r;
        }
        else if (place is not null) radius = SearchPlaces.DefaultRadiusKm;

        BoundingBox? bbox = null;
        if (!string.IsNullOrWhiteSpace(Bbox))
        {
            var b = Numbers(Bbox);
            if (b is not { Length: 4 }) Add("bbox", "must be 'minLon,minLat,maxLon,maxLat' in decimal degrees");
            else if (b[0] is < -180 or > 180 || b[2] is < -180 or > 180) Add("bbox", "longitudes must be between -180 and 180");
            else if (b[1] is < -90 or > 90 || b[3] is < -90 or > 90) Add("bbox", "latitudes must be between -90 and 90");
            else if (b[1] > b[3]) Add("bbox", "minLat is greater than maxLat");
            else bbox = new BoundingBox(b[0], b[1], b[2], b[3]);
        }

        var memberOf = new List<long>();
        foreach (var value in Values(MemberOf))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) memberOf.Add(id);
            else Add("member_of", $"'{value}' is not an organization id");
        }
        if (memberOf.Count > MaxNetworks) Add("member_of", $"names more than {MaxNetworks} organizations");

        var transitive = false;
        if (!string.IsNullOrWhiteSpace(Transitive))
        {
            if (!bool.TryParse(Transitive.Trim(), out transitive)) Add("transitive", $"'{Transitive}' is not true or false");
            else if (transitive && Values(MemberOf).FirstOrDefault() is null) Add("transitive", "needs member_of=ID");
        }

        var statuses = new List<RelationshipStatusCode>();
        foreach (var value in Values(RelationshipStatus))
        {
            if (RelationshipText.Parse<RelationshipStatusCode>(value.ToLowerInvariant()) is { } status) statuses.Add(status);
            else Add("relationship_status", $"'{value}' is not one of {string.Join(", ", RelationshipText.Statuses)}");
        }

        FreshnessFilter? freshness = null;
        if (!string.IsNullOrWhiteSpace(Freshness))
        {
            freshness = Freshness.Trim().ToLowerInvariant() switch { "stale" => FreshnessFilter.Stale, "current" => FreshnessFilter.Current, _ => null };
            if (freshness is null) Add("freshness", $"'{Freshness}' is not one of stale, current");
        }

        var sort = text is not null ? SearchSort.Relevance : near is not null ? SearchSort.Distance : SearchSort.Name;
        if (!string.IsNullOrWhiteSpace(Sort))
        {
            if (!Enum.TryParse(Sort, ignoreCase: true, out sort) || int.TryParse(Sort, out _))
                Add("sort", $"'{Sort}' is not one of relevance, name, distance");
            else if (sort == SearchSort.Distance && !located)
                Add("sort", "distance needs near=latitude,longitude or place");
        }

        var page = Integer(Page, "page", 1, 1, 1_000_000, Add);
        var pageSize = Integer(PageSize, "page_size", SearchQuery.DefaultPageSize, 1, SearchQuery.MaxPageSize, Add);

        if (errors.Count > 0) return (null, errors);
        return (new SearchQuery
        {
            Text = text, Kinds = kinds, Types = types, Sectors = sectors, Countries = countries,
            Regions = Values(Region).ToList(), Localities = Values(Locality).ToList(), Areas = areas,
            Near = near, RadiusKm = radius, Bbox = bbox, MemberOf = memberOf, Transitive = transitive, RelationshipStatuses = statuses,
            Freshness = freshness, CurrentFromDay = freshness is null ? 0 : (FreshnessRule ?? Core.Organizations.Freshness.Default).CurrentFromDay,
            Sort = sort, Page = page, PageSize = pageSize,
        }, errors);
    }

    // Repeated parameters and comma-separated lists both mean "any of these".
    private static IEnumerable<string> Values(string[]? raw) =>
        (raw ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct();

    private static List<string> Terms(string[]? raw, Vocabulary vocabulary, string field, Action<string, string> add)
    {
        var codes = new List<string>();
        foreach (var value in Values(raw))
        {
            var term = vocabulary.Find(value);
            if (term is null) add(field, $"'{value}' is not one of {string.Join(", ", vocabulary.Terms.Select(t => t.Code))}");
            else codes.Add(term.Code);
        }
        return codes;
    }

    private static double[]? Numbers(string raw)
    {
        var parts = raw.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
                return null;
        }
        return numbers;
    }

    private static int Integer(string? raw, string field, int fallback, int min, int max, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        add(field, $"must be a whole number from {min} to {max}");
        return fallback;
    }
}
