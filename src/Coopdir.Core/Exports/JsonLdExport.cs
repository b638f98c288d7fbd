using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Core.Currencies;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;

namespace Coopdir.Core.Exports;

/// <summary>
/// JSON-LD: every organization as a schema.org Organization that is also a W3C Organization Ontology
/// org:Organization, with its kind, a currency's facets and outside vocabulary concepts as org:classification
/// and its relationships that hold now as links (<see cref="JsonLdRelationships"/>): memberships as org:memberOf / org:hasMember,
/// subsidiaries and branches as schema:parentOrganization and org:subOrganizationOf / org:hasSubOrganization
/// and schema:subOrganization, the other types as org:linkedTo; and each membership, whatever its
/// status, as a qualified org:Membership. A shared solution is software or a creative work instead, with its
/// maintainers, funders, repositories and licences (<see cref="SolutionSchemaOrg"/>). The @context is inline, so the file expands without fetching anything.
/// </summary>
public static class JsonLdExport
{
    public const string MediaType = "application/ld+json";

    private const string Schema = "http://schema.org/";

    /// <summary>Term → IRI. Links to other resources are typed @id so that they expand to IRIs, not strings.</summary>
    public static JsonObject Context() => new()
    {
        ["schema"] = Schema,
        ["org"] = "http://www.w3.org/ns/org#",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["time"] = "http://www.w3.org/2006/time#",
        ["adms"] = "http://www.w3.org/ns/adms#",
        ["Organization"] = "schema:Organization",
        ["PostalAddress"] = "schema:PostalAddress",
        ["Place"] = "schema:Place",
        ["AdministrativeArea"] = "schema:AdministrativeArea",
        ["containedInPlace"] = "schema:containedInPlace",
        ["GeoCoordinates"] = "schema:GeoCoordinates",
        ["PropertyValue"] = "schema:PropertyValue",
        ["name"] = "schema:name",
        ["alternateName"] = "schema:alternateName",
        ["description"] = "schema:description",
        ["url"] = new JsonObject { ["@id"] = "schema:url", ["@type"] = "@id" },
        ["email"] = "schema:email",
        ["telephone"] = "schema:telephone",
        ["foundingDate"] = "schema:foundingDate",
        ["dissolutionDate"] = "schema:dissolutionDate",
        ["additionalType"] = "schema:additionalType",
        ["knowsAbout"] = "schema:knowsAbout",
        ["address"] = "schema:address",
        ["streetAddress"] = "schema:streetAddress",
        ["addressLocality"] = "schema:addressLocality",
        ["addressRegion"] = "schema:addressRegion",
        ["postalCode"] = "schema:postalCode",
        ["addressCountry"] = "schema:addressCountry",
        ["location"] = "schema:location",
        ["geo"] = "schema:geo",
        ["latitude"] = new JsonObject { ["@id"] = "schema:latitude", ["@type"] = "xsd:double" },
        ["longitude"] = new JsonObject { ["@id"] = "schema:longitude", ["@type"] = "xsd:double" },
        ["identifier"] = "schema:identifier",
        ["propertyID"] = "schema:propertyID",
        ["value"] = "schema:value",
        ["memberOf"] = new JsonObject { ["@id"] = "org:memberOf", ["@type"] = "@id" },
        ["hasMember"] = new JsonObject { ["@id"] = "org:hasMember", ["@type"] = "@id" },
        ["parentOrganization"] = new JsonObject { ["@id"] = "schema:parentOrganization", ["@type"] = "@id" },
        ["subOrganization"] = new JsonObject { ["@id"] = "schema:subOrganization", ["@type"] = "@id" },
        ["subOrganizationOf"] = new JsonObject { ["@id"] = "org:subOrganizationOf", ["@type"] = "@id" },
        ["hasSubOrganization"] = new JsonObject { ["@id"] = "org:hasSubOrganization", ["@type"] = "@id" },
        ["linkedTo"] = new JsonObject { ["@id"] = "org:linkedTo", ["@type"] = "@id" },
        ["Membership"] = "org:Membership",
        ["hasMembership"] = "org:hasMembership",
        ["member"] = new JsonObject { ["@id"] = "org:member", ["@type"] = "@id" },
        ["organization"] = new JsonObject { ["@id"] = "org:organization", ["@type"] = "@id" },
        ["memberDuring"] = "org:memberDuring",
        ["Interval"] = "time:Interval",
        ["Instant"] = "time:Instant",
        ["hasBeginning"] = "time:hasBeginning",
        ["hasEnd"] = "time:hasEnd",
        ["inXSDgYear"] = new JsonObject { ["@id"] = "time:inXSDgYear", ["@type"] = "xsd:gYear" },
        ["inXSDgYearMonth"] = new JsonObject { ["@id"] = "time:inXSDgYearMonth", ["@type"] = "xsd:gYearMonth" },
        ["inXSDDate"] = new JsonObject { ["@id"] = "time:inXSDDate", ["@type"] = "xsd:date" },
        ["status"] = "adms:status",
        ["classification"] = new JsonObject { ["@id"] = "org:classification", ["@type"] = "@id" },
        ["license"] = new JsonObject { ["@id"] = "schema:license", ["@type"] = "@id" },
        ["creditText"] = "schema:creditText",
        ["source"] = "dcterms:source",
        ["dateModified"] = new JsonObject { ["@id"] = "schema:dateModified", ["@type"] = "xsd:dateTime" },
        ["SoftwareSourceCode"] = "schema:SoftwareSourceCode",
        ["SoftwareApplication"] = "schema:SoftwareApplication",
        ["Dataset"] = "schema:Dataset",
        ["CreativeWork"] = "schema:CreativeWork",
        ["codeRepository"] = new JsonObject { ["@id"] = "schema:codeRepository", ["@type"] = "@id" },
        ["maintainer"] = new JsonObject { ["@id"] = "schema:maintainer", ["@type"] = "@id" },
        ["funder"] = new JsonObject { ["@id"] = "schema:funder", ["@type"] = "@id" },
        ["applicationCategory"] = "schema:applicationCategory",
        ["operatingSystem"] = "schema:operatingSystem",
        ["inLanguage"] = "schema:inLanguage",
        ["softwareVersion"] = "schema:softwareVersion",
        ["image"] = new JsonObject { ["@id"] = "schema:image", ["@type"] = "@id" },
        ["sdLicense"] = new JsonObject { ["@id"] = "schema:sdLicense", ["@type"] = "@id" },
    };

    public static long Write(ExportContext context, Stream output) => Write(context, output, context.Organizations());

    /// <summary>Only the shared solutions among the exported organizations.</summary>
    public static long WriteSolutions(ExportContext context, Stream output) => Write(context, output, SolutionsCsv.Batches(context).SelectMany(b => b));

    private static long Write(ExportContext context, Stream output, IEnumerable<Organization> organizations)
    {
        using var json = new JsonOutput(output);
        var writer = json.Writer;
        writer.WriteStartObject();
        writer.WritePropertyName("@context");
        Context().WriteTo(writer);
        writer.WriteStartArray("@graph");
        var count = JsonStreams.WriteEach(json, organizations, (w, o) => Node(o, context).WriteTo(w));
        writer.WriteEndArray();
        writer.WriteEndObject();
        json.Complete();
        return count;
    }

    /// <summary>One organization as a standalone JSON-LD document (content negotiation on its URL).</summary>
    public static JsonObject Document(Organization o, ExportContext context)
    {
        var node = Node(o, context);
        var document = new JsonObject { ["@context"] = Context() };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }
        return document;
    }

    private static JsonObject Node(Organization o, ExportContext context)
    {
        var c = o.Content;
        var licence = context.LicenceOf(o);
        var solution = SolutionSchemaOrg.IsSolution(c);
        var node = new JsonObject
        {
            ["@id"] = context.OrganizationUrl(o.Id),
            ["@type"] = solution ? Strings(SolutionSchemaOrg.TypesOf(c)) : new JsonArray("Organization", "org:Organization"),
            ["name"] = c.Name,
        };
        SchemaOrg.AddDescription(node, c);
        if (solution) SolutionSchemaOrg.Add(node, o, (id, _) => context.OrganizationUrl(id));
        if (c.Locations.Count > 0) node["location"] = new JsonArray(c.Locations.Select(l => (JsonNode?)Place(l, context)).ToArray());
        if (c.Identifiers.Count > 0)
            node["identifier"] = new JsonArray(c.Identifiers.Select(i => (JsonNode?)new JsonObject
            {
                ["@type"] = "PropertyValue", ["propertyID"] = i.Scheme, ["value"] = i.Value,
            }).ToArray());
        // Its kind and a currency's facets are concepts of Coopdir's own vocabularies, published as SKOS at /vocabularies.
        var concepts = c.Classifications.Select(ClassificationDetail.From).Where(x => x.Uri is not null).Select(x => x.Uri!)
            .Prepend(context.ConceptUrl(Vocabularies.KindName, c.Kind))
            .Concat(c.Classifications.Where(x => CurrencyFacets.Find(x.Scheme) is not null).Select(x => context.ConceptUrl(x.Scheme, x.Code)))
            .ToList();
        if (concepts.Count > 0) node["classification"] = Strings(concepts);
        JsonLdRelationships.Add(node, o, context);
        // A solution's schema:license is the software's; the licence of the record itself is then its sdLicense.
        Set(node, solution ? "sdLicense" : "license", licence.Url);
        Set(node, "source", o.Source?.Name);
        Set(node, "creditText", o.Source?.Attribution);
        node["dateModified"] = o.UpdatedAt.ToString("O");
        return node;
    }

    // The area a location resolves to is the place it lies in, named by its OCD id.
    private static JsonObject Place(Location l, ExportContext context)
    {
        var place = new JsonObject { ["@type"] = "Place", ["address"] = SchemaOrg.Address(l) };
        if (context.AreaOf(l) is { } area)
            place["containedInPlace"] = new JsonObject
            {
                ["@id"] = context.AreaUrl(area.Id), ["@type"] = "AdministrativeArea", ["name"] = area.Name, ["identifier"] = area.Id,
            };
        if (l.HasCoordinates)
            place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = l.Latitude, ["longitude"] = l.Longitude };
        return place;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static void Set(JsonObject node, string name, string? value) => SchemaOrg.Set(node, name, value);
}
