using System.Globalization;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>Search parameters as they arrive from a query string or the command line, unchecked.</summary>
public sealed record SearchParameters
{
    public string? Q { get; init; }
    public string[]? Kind { get; init; }
    public string[]? Type { get; init; }
    public string[]? Sector { get; init; }
    public string[]? Country { get; init; }
    public string[]? Region { get; init; }
    public string[]? Locality { get; init; }
    public string? Near { get; init; }
    public string? RadiusKm { get; init; }
    public string? Bbox { get; init; }
    public string? Sort { get; init; }
    public string? Page { get; init; }
    public string? PageSize { get; init; }

    public const int MaxQueryLength = 500;
    public const double MaxRadiusKm = 20_037.5;

    /// <summary>Checks every parameter and reports each one that is wrong, by its query-string name.</summary>
    public (SearchQuery? Query, IReadOnlyList<FieldError> Errors) Parse()
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

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

        GeoPoint? near = null;
        if (!string.IsNullOrWhiteSpace(Near))
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
            else if (string.IsNullOrWhiteSpace(Near)) Add("radius_km", "needs near=latitude,longitude");
            else radius = r;
        }

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

        var sort = text is not null ? SearchSort.Relevance : near is not null ? SearchSort.Distance : SearchSort.Name;
        if (!string.IsNullOrWhiteSpace(Sort))
        {
            if (!Enum.TryParse(Sort, ignoreCase: true, out sort) || int.TryParse(Sort, out _))
                Add("sort", $"'{Sort}' is not one of relevance, name, distance");
            else if (sort == SearchSort.Distance && near is null && string.IsNullOrWhiteSpace(Near))
                Add("sort", "distance needs near=latitude,longitude");
        }

        var page = Integer(Page, "page", 1, 1, 1_000_000, Add);
        var pageSize = Integer(PageSize, "page_size", SearchQuery.DefaultPageSize, 1, SearchQuery.MaxPageSize, Add);

        if (errors.Count > 0) return (null, errors);
        return (new SearchQuery
        {
            Text = text, Kinds = kinds, Types = types, Sectors = sectors, Countries = countries,
            Regions = Values(Region).ToList(), Localities = Values(Locality).ToList(),
            Near = near, RadiusKm = radius, Bbox = bbox, Sort = sort, Page = page, PageSize = pageSize,
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
