using System.Text.Json.Nodes;
using Coopdir.Core.Currencies;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// An organization as a Murmurations profile (organizations_schema-v1.0.0), so that the Murmurations
/// index and its map can list it. Memberships become schema.org memberOf / member relationships. A community
/// currency's profile is also a complementary_currencies-v2.0.0 profile (<see cref="CurrencyProfile"/>).
/// </summary>
public static class MurmurationsProfile
{
    public const string Schema = "organizations_schema-v1.0.0";
    private const int MaxName = 200;

    public static JsonObject For(Organization o, ExportContext context)
    {
        var c = o.Content;
        var url = context.OrganizationUrl(o.Id);
        var profile = new JsonObject
        {
            ["linked_schemas"] = new JsonArray(Schema),
            // The schema caps names at 200 characters; the directory allows longer ones.
            ["name"] = c.Name.Length <= MaxName ? c.Name : c.Name[..(MaxName - 1)] + "…",
            ["primary_url"] = IsWebAddress(c.Website) ? c.Website : url,
            ["tags"] = new JsonArray(new[] { Vocabularies.Kind.LabelOf(c.Kind) }
                .Concat(c.Types.Select(Vocabularies.Type.LabelOf))
                .Concat(c.Sector is null ? [] : [Vocabularies.Sector.LabelOf(c.Sector)])
                .Distinct().Select(t => (JsonNode?)t).ToArray()),
            ["urls"] = new JsonArray(new[] { (Name: context.DirectoryName, Url: url) }
                .Concat(IsWebAddress(c.Website) ? [(Name: "Website", Url: c.Website!)] : [])
                .Select(u => (JsonNode?)new JsonObject { ["name"] = u.Name, ["url"] = u.Url }).ToArray()),
            ["unique_id"] = url,
        };
        if (c.AlternateNames.Count > 0) profile["nickname"] = c.AlternateNames[0];
        if (!string.IsNullOrWhiteSpace(c.Description)) profile["description"] = c.Description;
        if (c.Status == OrganizationStatus.Active) profile["status"] = "active";
        if (!string.IsNullOrWhiteSpace(c.Phone)) profile["telephone"] = c.Phone;
        var first = c.Locations.FirstOrDefault();
        if (first is not null)
        {
            var address = string.Join(", ", new[] { first.Street?.Replace('\n', ' '), first.Locality, first.Region, first.Postcode, first.Country }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
            if (address.Length > 0) profile["full_address"] = address;
            if (first.Country is not null) profile["country_iso_3166"] = first.Country;
        }
        if (c.Locations.FirstOrDefault(l => l.HasCoordinates) is { } located)
            profile["geolocation"] = new JsonObject { ["lat"] = located.Latitude, ["lon"] = located.Longitude };
        // One relationship per pair, even when a membership was recorded twice (say, with two roles).
        var relationships = o.Networks.Select(n => ("https://schema.org/memberOf", context.OrganizationUrl(n.ObjectId)))
            .Concat(o.Members.Select(m => ("https://schema.org/member", context.OrganizationUrl(m.SubjectId))))
            .Distinct().Select(r => Relationship(r.Item1, r.Item2)).ToArray();
        if (relationships.Length > 0) profile["relationships"] = new JsonArray(relationships);
        if (Acceptance.IsCurrency(o)) CurrencyProfile.Add(profile, o);
        return profile;
    }

    private static JsonNode Relationship(string predicate, string url) =>
        new JsonObject { ["predicate_url"] = predicate, ["object_url"] = url };

    private static bool IsWebAddress(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
