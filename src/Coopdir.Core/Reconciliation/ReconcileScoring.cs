using System.Globalization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Reconciliation;

/// <summary>
/// Scores a candidate against a query, 0–100, in the spirit of the Wikidata reconciliation service: the
/// name (compared as matching compares names: without legal forms, co-op spellings or case, letter
/// trigrams forgiving a typo) weighs most, each property the query gives and the candidate has weighs
/// too, and every comparison is a feature of the result. A shared identifier makes it 100; a different
/// identifier of the same scheme, or different numbers in the names, caps it well below a match.
/// </summary>
public static class ReconcileScoring
{
    /// <summary>A candidate is the match when it scores at least this and leads the next by <see cref="MatchLead"/>.</summary>
    public const double MatchAt = 90, MatchLead = 10;
    private const double Conflicted = 50;
    private const double NameWeight = 3;

    /// <summary>The query's properties in comparable form, worked out once per query.</summary>
    internal sealed record Probe(string? NameKey, long[] Trigrams, IReadOnlyList<string> Words,
        IReadOnlyList<(ReconcileProperty Property, IReadOnlyList<string> Values)> Properties);

    internal static Probe ProbeOf(ReconcileQuery query)
    {
        var key = query.Text is null ? null : MatchKeys.Name(query.Text);
        var properties = query.Properties.Select(p => (ReconcileProperties.Find(p.Id)!, p.Values)).ToList();
        return new Probe(key, key is null ? [] : MatchKeys.Trigrams(key), key is null ? [] : TypoWords(key), properties);
    }

    /// <summary>A name key's words as typos are forgiven in them: misspelt legal words left out.</summary>
    internal static List<string> TypoWords(string key) => key.Split(' ').Where(w => !MatchKeys.IsMisspeltLegalWord(w)).ToList();

    internal static (double Score, bool Conflict, List<Feature> Features) Score(Probe probe, CandidateRecord candidate)
    {
        var features = new List<Feature>();
        double weighed = 0, weights = 0;
        bool identified = false, conflict = false;
        if (probe.NameKey is not null)
        {
            var name = NameSimilarity(probe, candidate);
            // "Phoenix Housing 2" and "Phoenix Housing 3" are two organizations, however alike.
            if (MatchKeys.Numbers(probe.NameKey) != MatchKeys.Numbers(candidate.NameKey)) name = Math.Min(name, 0.6);
            features.Add(new Feature(ReconcileProperties.Name, "Name similarity", Math.Round(name, 3)));
            (weighed, weights) = (NameWeight * name, NameWeight);
        }
        foreach (var (property, values) in probe.Properties)
        {
            if (Compare(property, values, candidate) is not var (value, weight)) continue;
            features.Add(new Feature(property.Id, property.Name, Math.Round(value, 3)));
            if (property.Scheme is not null || property.Id == ReconcileProperties.RegisteredNumber)
            {
                identified |= value == 1;
                conflict |= value == 0;
                continue;
            }
            weighed += weight * value;
            weights += weight;
        }
        var score = identified && !conflict ? 100 : weights == 0 ? 0 : 100 * weighed / weights;
        if (conflict) score = Math.Min(score, Conflicted);
        return (Math.Round(score, 1), conflict, features);
    }

    /// <summary>1 for the same name key; <see cref="OneTypo"/> for the same words but for one typo; else how alike their letter trigrams are.</summary>
    private static double NameSimilarity(Probe probe, CandidateRecord candidate)
    {
        if (probe.NameKey == candidate.NameKey) return 1;
        var alike = MatchKeys.Alike(probe.Trigrams, candidate.Trigrams);
        // One typo leaves most trigrams shared: names less alike than this are not worth comparing word by word.
        return alike >= 0.5 && OneTypoApart(probe.Words, candidate.TypoWords) ? OneTypo : alike;
    }

    /// <summary>What one typo leaves of a name's similarity: enough, with nothing against it, for a match.</summary>
    public const double OneTypo = 0.95;

    /// <summary>
    /// The same words in the same order but for one edit (a letter added, dropped, changed or two swapped) in a
    /// word of five letters or more; misspelt legal words are left out of both (a short word, or a number, must be exact).
    /// </summary>
    internal static bool OneTypoApart(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (x.Count != y.Count || x.Count == 0) return false;
        var edits = 0;
        for (var i = 0; i < x.Count && edits <= 1; i++)
        {
            if (x[i] == y[i]) continue;
            if (Math.Min(x[i].Length, y[i].Length) < 5) return false;
            edits += EditDistance.Between(x[i], y[i]);
        }
        return edits <= 1;
    }

    /// <summary>How one property compares (0–1) and how much it weighs, or null when the candidate has nothing to compare it with.</summary>
    private static (double Value, double Weight)? Compare(ReconcileProperty property, IReadOnlyList<string> values, CandidateRecord c)
    {
        switch (property.Id)
        {
            case ReconcileProperties.Country:
                return c.Country is null ? null : (values.Any(v => Countries.Normalize(v) == c.Country) ? 1 : 0, 1);
            case ReconcileProperties.Locality:
                return c.Locality is null ? null : (values.Any(v => TextKey.Of(v) == c.Locality) ? 1 : 0, 1);
            case ReconcileProperties.Postcode:
                return c.Postcode is null ? null : (values.Max(v => Postcode(MatchKeys.Postcode(v), c.Postcode)), 1.5);
            case ReconcileProperties.Website:
                return c.Domain is null ? null : (values.Any(v => MatchKeys.Domain(Absolute(v)) == c.Domain) ? 1 : 0, 1.5);
            case ReconcileProperties.Coordinates:
                if (c.Latitude is not { } lat || c.Longitude is not { } lon) return null;
                return (values.Select(Point).OfType<GeoPoint>().Select(p => Near(Geo.DistanceKm(p.Latitude, p.Longitude, lat, lon))).DefaultIfEmpty(0).Max(), 1.5);
            case ReconcileProperties.Network:
                return c.Networks.Count == 0 ? null : (values.Any(v => c.Networks.Contains(v.Trim()) || c.Networks.Contains(MatchKeys.Name(v))) ? 1 : 0, 1);
            case ReconcileProperties.RegisteredNumber:
                var registrars = IdentifierSchemes.All.Where(s => s.RegisteredNumber && c.Schemes.Contains(s.Code)).ToList();
                if (registrars.Count == 0) return null;
                return (values.Any(v => registrars.Any(s => c.Identifiers.Contains(MatchKeys.Identifier(new Identifier(s.Code, v))))) ? 1 : 0, 0);
            default:
                if (property.Scheme is not { } scheme || !c.Schemes.Contains(scheme.Code)) return null;
                return (values.Any(v => c.Identifiers.Contains(MatchKeys.Identifier(new Identifier(scheme.Code, v)))) ? 1 : 0, 0);
        }
    }

    // The same postcode; else the same outward code (the part before the last three characters, in UK postcodes a district).
    private static double Postcode(string? a, string b) =>
        a is null ? 0 : a == b ? 1 : a.Length > 3 && b.Length > 3 && a[..^3] == b[..^3] ? 0.5 : 0;

    private static double Near(double km) => km <= 0.25 ? 1 : km <= 1 ? 0.85 : km <= 5 ? 0.5 : km <= 25 ? 0.2 : 0;

    private static string Absolute(string website) =>
        website.Contains("://", StringComparison.Ordinal) ? website.Trim() : "https://" + website.Trim();

    /// <summary>"51.5,-0.12" as a point, or null when it is not one.</summary>
    public static GeoPoint? Point(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180
            ? new GeoPoint(lat, lon) : null;
    }
}
