using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Currencies;

/// <summary>
/// What a community currency adds to its Murmurations profile: the complementary_currencies-v2.0.0 schema
/// beside the organizations schema (a profile may link several), its facets under that schema's field
/// names and codes, its launch year and its place as that schema's flat fields.
/// </summary>
public static class CurrencyProfile
{
    public const string Schema = "complementary_currencies-v2.0.0";
    private const int MaxPlaceName = 100;
    private const int FirstLaunchYear = 1900;

    public static void Add(JsonObject profile, Organization currency)
    {
        var c = currency.Content;
        ((JsonArray)profile["linked_schemas"]!).Add(Schema);
        foreach (var facet in CurrencyFacets.All)
        {
            var codes = CurrencyFacets.CodesOf(c, facet);
            if (codes.Count == 0) continue;
            profile[facet.MurmurationsField] = facet.Multiple
                ? new JsonArray(codes.Distinct().Select(code => (JsonNode?)code).ToArray())
                : codes[0];
        }
        // The schema counts launch years from 1900; an older founding date is left out rather than bent.
        if (CurrencyFacets.LaunchYear(c) is >= FirstLaunchYear and var year) profile["launch_year"] = year;
        if (c.Locations.FirstOrDefault() is { } first)
        {
            if (!string.IsNullOrWhiteSpace(first.Locality)) profile["locality"] = Cut(first.Locality);
            if (!string.IsNullOrWhiteSpace(first.Region)) profile["region"] = Cut(first.Region);
        }
        if (c.Locations.FirstOrDefault(l => l.HasCoordinates) is { } located)
        {
            profile["latitude"] = located.Latitude;
            profile["longitude"] = located.Longitude;
        }
    }

    private static string Cut(string text) => text.Length <= MaxPlaceName ? text : text[..(MaxPlaceName - 1)] + "…";
}
