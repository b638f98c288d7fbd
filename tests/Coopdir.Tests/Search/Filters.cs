using System.Globalization;

namespace Coopdir.Tests.Search;

/// <summary>One combination of search filters, as a query string the API, map points, statistics and exports all take.</summary>
public sealed record Filters
{
    public string? Q { get; init; }
    public string[] Kinds { get; init; } = [];
    public string[] Types { get; init; } = [];
    public string[] Sectors { get; init; } = [];
    public string[] Countries { get; init; } = [];
    public string[] Regions { get; init; } = [];
    public string[] Localities { get; init; } = [];
    public (double Lat, double Lon)? Near { get; init; }
    public double? RadiusKm { get; init; }
    public (double MinLon, double MinLat, double MaxLon, double MaxLat)? Bbox { get; init; }

    public bool HasPlaceFilter => Countries.Length > 0 || Regions.Length > 0 || Localities.Length > 0 || RadiusKm is not null || Bbox is not null;

    public string QueryString
    {
        get
        {
            var parts = new List<string>();
            void Add(string name, string value) => parts.Add($"{name}={Uri.EscapeDataString(value)}");
            if (Q is not null) Add("q", Q);
            // Repeated parameters and one comma-separated value mean the same; both forms are used.
            void AddAll(string name, string[] values)
            {
                if (values.Length > 1 && values.All(v => !v.Contains(',')) && values.Length % 2 == 0) Add(name, string.Join(",", values));
                else foreach (var value in values) Add(name, value);
            }
            AddAll("kind", Kinds);
            AddAll("type", Types);
            AddAll("sector", Sectors);
            AddAll("country", Countries);
            AddAll("region", Regions);
            AddAll("locality", Localities);
            if (Near is { } near) Add("near", $"{Number(near.Lat)},{Number(near.Lon)}");
            if (RadiusKm is { } radius) Add("radius_km", Number(radius));
            if (Bbox is { } b) Add("bbox", $"{Number(b.MinLon)},{Number(b.MinLat)},{Number(b.MaxLon)},{Number(b.MaxLat)}");
            return string.Join("&", parts);
        }
    }

    public override string ToString() => QueryString.Length == 0 ? "(no filter)" : Uri.UnescapeDataString(QueryString);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
