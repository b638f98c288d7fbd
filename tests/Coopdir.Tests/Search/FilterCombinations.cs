using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Tests.Search;

/// <summary>
/// Filter combinations drawn with a fixed seed from the values the directory holds: most start from
/// one organization (so they tend to match something), some from values of anywhere (so some match
/// nothing), with several values per filter, place names in other cases, circles and boxes around
/// real points, boxes across the antimeridian, and texts from the relevance set.
/// </summary>
public static class FilterCombinations
{
    /// <summary>Texts besides the relevance set's queries: common words, a prefix, a legal form alone, nothing found.</summary>
    private static readonly string[] MoreTexts =
        ["housing", "farm", "community energy", "wholefoods", "brighton", "manch", "limited", "co-op", "the", "fiji", "xqzvw", "  ", "!!"];

    public static IReadOnlyList<Filters> Draw(FilterOracle oracle, IReadOnlyList<string> relevanceTexts, int count, int seed)
    {
        var random = new Random(seed);
        var organizations = oracle.Organizations;
        var located = organizations.SelectMany(o => o.Locations).Where(l => l.HasPoint).ToList();
        // Commas separate values in the query string and values are trimmed, so such names cannot be asked for as they are.
        bool Askable(string? v) => v is { Length: > 0 } && !v.Contains(',') && v == v.Trim();
        var regions = organizations.SelectMany(o => o.Locations).Select(l => l.Region).Where(Askable).OfType<string>().Distinct().ToList();
        var localities = organizations.SelectMany(o => o.Locations).Select(l => l.Locality).Where(Askable).OfType<string>().Distinct().ToList();
        var countries = organizations.SelectMany(o => o.Locations).Select(l => l.Country).OfType<string>().Distinct().Append("FR").Append("NZ").Distinct().ToList();
        var kinds = Vocabularies.Kind.Terms.Select(t => t.Code).ToList();
        var types = Vocabularies.Type.Terms.Select(t => t.Code).ToList();
        var sectors = Vocabularies.Sector.Terms.Select(t => t.Code).ToList();
        var texts = relevanceTexts.Concat(MoreTexts).ToList();

        T One<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
        bool Chance(double p) => random.NextDouble() < p;
        string OtherCase(string v) => random.Next(3) switch { 0 => v.ToUpperInvariant(), 1 => v.ToLowerInvariant(), _ => v };
        // One value from the anchor organization (when it has one), more from anywhere.
        string[] Values(string? own, IReadOnlyList<string> all)
        {
            var values = new List<string>();
            if (own is not null && Chance(0.9)) values.Add(own);
            while (values.Count == 0 || Chance(0.3)) values.Add(One(all));
            return values.Distinct().ToArray();
        }

        var combinations = new List<Filters>();
        while (combinations.Count < count)
        {
            var anchor = One(organizations);
            var place = anchor.Locations.Count > 0 ? One(anchor.Locations) : null;
            var point = place is { HasPoint: true } ? place : One(located);
            var f = new Filters();
            if (Chance(0.35)) f = f with { Q = Chance(0.5) ? One(texts) : NameText(anchor.Name, random) };
            if (Chance(0.25)) f = f with { Kinds = Values(anchor.Kind, kinds) };
            if (Chance(0.3)) f = f with { Types = Values(anchor.Types.FirstOrDefault(), types) };
            if (Chance(0.25)) f = f with { Sectors = Values(anchor.Sector, sectors) };
            if (Chance(0.25)) f = f with { Countries = Values(place?.Country, countries) };
            if (Chance(0.25)) f = f with { Regions = Values(Askable(place?.Region) ? place!.Region : null, regions).Select(OtherCase).ToArray() };
            if (Chance(0.25)) f = f with { Localities = Values(Askable(place?.Locality) ? place!.Locality : null, localities).Select(OtherCase).ToArray() };
            if (Chance(0.3))
            {
                var near = (Lat: point.Latitude!.Value + Jitter(random, 0.05), Lon: point.Longitude!.Value + Jitter(random, 0.05));
                // Near alone only orders and measures; it must not filter.
                f = f with { Near = near, RadiusKm = Chance(0.85) ? Math.Min(One([0.5, 2, 5, 10, 25, 80, 300, 1500, 20000.0]) * (0.8 + random.NextDouble() * 0.4), Coopdir.Search.SearchRequest.MaxRadiusKm) : null };
            }
            if (Chance(0.2))
            {
                var (halfLon, halfLat) = (One([0.02, 0.2, 1, 5, 40.0]), One([0.02, 0.2, 1, 5, 30.0]));
                f = f with { Bbox = Box(point.Longitude!.Value + Jitter(random, halfLon) - halfLon, point.Latitude!.Value - halfLat, point.Longitude.Value + Jitter(random, halfLon) + halfLon, point.Latitude.Value + halfLat) };
            }
            if (Chance(0.04))
                f = f with { Bbox = (170 + random.NextDouble() * 9.9, -60 + random.NextDouble() * 20, -179.9 + random.NextDouble() * 15, random.NextDouble() * 60) };
            combinations.Add(Clear(f, located));
        }
        return combinations;
    }

    // One or two words of a name, the last perhaps cut short as while typing.
    private static string NameText(string name, Random random)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = random.Next(words.Length);
        var picked = words.Skip(start).Take(random.Next(1, 3)).ToArray();
        var last = picked[^1];
        if (last.Length > 4 && random.Next(2) == 0) picked[^1] = last[..random.Next(3, last.Length)];
        return string.Join(' ', picked);
    }

    private static double Jitter(Random random, double scale) => (random.NextDouble() * 2 - 1) * scale;

    // A box that runs past ±180 wraps across the antimeridian (minLon > maxLon), as a map at the date line asks.
    private static (double, double, double, double) Box(double minLon, double minLat, double maxLon, double maxLat)
    {
        static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
        return maxLon - minLon >= 360 ? (-180, Math.Max(minLat, -90), 180, Math.Min(maxLat, 90)) : (Wrap(minLon), Math.Max(minLat, -90), Wrap(maxLon), Math.Min(maxLat, 90));
    }

    /// <summary>
    /// Moves a box's edges and a circle's radius clear of every point, so the comparison is about
    /// which filter rules apply, not about the last bit of a coordinate (SQLite's R*Tree keeps 32-bit
    /// floats; a point exactly on an edge is pinned separately, by the endpoints agreeing with each other).
    /// </summary>
    private static Filters Clear(Filters f, IReadOnlyList<OracleLocation> points)
    {
        const double clearDegrees = 1e-4, clearKm = 0.01;
        double ClearOf(double edge, Func<OracleLocation, double> coordinate)
        {
            while (points.Any(p => Math.Abs(coordinate(p) - edge) < clearDegrees)) edge += 3 * clearDegrees;
            return edge;
        }
        if (f.Bbox is { } b)
        {
            var (minLat, maxLat) = (ClearOf(b.MinLat, p => p.Latitude!.Value), ClearOf(b.MaxLat, p => p.Latitude!.Value));
            f = f with { Bbox = (Math.Min(ClearOf(b.MinLon, p => p.Longitude!.Value), 180), Math.Min(minLat, 90), Math.Min(ClearOf(b.MaxLon, p => p.Longitude!.Value), 180), Math.Min(Math.Max(maxLat, minLat), 90)) };
        }
        if (f is { Near: { } near, RadiusKm: { } radius })
        {
            while (points.Any(p => Math.Abs(FilterOracle.Haversine(p.Latitude!.Value, p.Longitude!.Value, near.Lat, near.Lon) - radius) < clearKm)) radius += 3 * clearKm;
            f = f with { RadiusKm = Math.Min(radius, Coopdir.Search.SearchRequest.MaxRadiusKm) };
        }
        return f;
    }
}
