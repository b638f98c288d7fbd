using System.Text.Json.Nodes;

namespace Coopdir.Core.Organizations;

/// <summary>An organization as schema.org JSON-LD (Organization, PostalAddress, GeoCoordinates); a shared solution as software or a creative work (<see cref="Solutions.SolutionSchemaOrg"/>).</summary>
public static class SchemaOrg
{
    /// <param name="organizationUrl">Absolute URL of the organization's page, used as its @id.</param>
    /// <param name="urlOf">Absolute URL of another organization's page, by id.</param>
    public static JsonObject Organization(Organization o, string organizationUrl, Func<long, string> urlOf)
    {
        var c = o.Content;
        var node = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = Solutions.SolutionSchemaOrg.IsSolution(c) ? JsonLdTypes(Solutions.SolutionSchemaOrg.TypesOf(c)) : "Organization",
            ["@id"] = organizationUrl,
            ["name"] = c.Name,
        };
        AddDescription(node, c);
        if (Solutions.SolutionSchemaOrg.IsSolution(c)) Solutions.SolutionSchemaOrg.Add(node, o, (id, name) => Reference(urlOf(id), name));

        if (c.Locations.Count > 0)
        {
            node["address"] = new JsonArray(c.Locations.Select(l => (JsonNode?)Address(l)).ToArray());
            var located = c.Locations.Where(l => l.HasCoordinates).ToList();
            if (located.Count > 0)
                node["location"] = new JsonArray(located.Select(l => (JsonNode?)new JsonObject
                {
                    ["@type"] = "Place",
                    ["address"] = Address(l),
                    ["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = l.Latitude, ["longitude"] = l.Longitude },
                }).ToArray());
        }
        if (c.Identifiers.Count > 0)
            node["identifier"] = new JsonArray(c.Identifiers.Select(i => (JsonNode?)new JsonObject
            {
                ["@type"] = "PropertyValue", ["propertyID"] = i.Scheme, ["value"] = i.Value,
            }).ToArray());
        if (c.Counts?.Employees is { } employees) node["numberOfEmployees"] = new JsonObject { ["@type"] = "QuantitativeValue", ["value"] = employees };
        if (o.Networks.Any())
            node["memberOf"] = new JsonArray(o.Networks.Select(n => (JsonNode?)Reference(urlOf(n.ObjectId), n.ObjectName)).ToArray());
        if (o.Members.Any())
            node["member"] = new JsonArray(o.Members.Select(m => (JsonNode?)Reference(urlOf(m.SubjectId), m.SubjectName)).ToArray());
        return node;
    }

    /// <summary>Names, description, contacts, dates, kind and sector, as schema.org properties (the JSON-LD export uses it too).</summary>
    public static void AddDescription(JsonObject node, OrganizationContent c)
    {
        if (c.AlternateNames.Count > 0) node["alternateName"] = new JsonArray(c.AlternateNames.Select(n => (JsonNode?)n).ToArray());
        Set(node, "description", c.Description);
        Set(node, "url", c.Website);
        Set(node, "email", c.Email);
        Set(node, "telephone", c.Phone);
        Set(node, "foundingDate", c.FoundedOn);
        Set(node, "dissolutionDate", c.DissolvedOn);
        node["additionalType"] = Vocabularies.Kind.LabelOf(c.Kind);
        if (c.Sector is not null) node["knowsAbout"] = Vocabularies.Sector.LabelOf(c.Sector);
    }

    /// <summary>A location as a schema.org PostalAddress (the JSON-LD export uses it too).</summary>
    public static JsonObject Address(Location l)
    {
        var address = new JsonObject { ["@type"] = "PostalAddress" };
        Set(address, "streetAddress", l.Street);
        Set(address, "addressLocality", l.Locality);
        Set(address, "addressRegion", l.Region);
        Set(address, "postalCode", l.Postcode);
        Set(address, "addressCountry", l.Country);
        return address;
    }

    private static JsonNode JsonLdTypes(IReadOnlyList<string> types) =>
        types.Count == 1 ? types[0] : new JsonArray(types.Select(t => (JsonNode?)t).ToArray());

    private static JsonObject Reference(string id, string name) => new() { ["@type"] = "Organization", ["@id"] = id, ["name"] = name };

    /// <summary>Sets a text property only when there is text: JSON-LD leaves out what is unknown.</summary>
    public static void Set(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) node[name] = value;
    }
}
