using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coopdir.Tests.Support;
using CoreVocabularies = Coopdir.Core.Organizations.Vocabularies;

namespace Coopdir.Tests.VocabularyPublishing;

public sealed class VocabulariesTests : SiteTest
{
    private const string Skos = "http://www.w3.org/2004/02/skos/core#";
    private string Base => Site.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Every_vocabulary_is_published_as_json_with_stable_iris_and_essglobal_matches()
    {
        var all = await Site.Http.GetJsonAsync("/vocabularies.json");
        var sector = await Site.Http.GetJsonAsync("/vocabularies/sector.json");

        Assert.Equal(["cc-accounting-tech", "cc-convertibility", "cc-cost-recovery", "cc-monetary-model", "cc-movement", "cc-unit-of-account",
            "development-status", "identifier-scheme", "kind", "maintenance-type", "relationship", "sdg", "sector", "software-type",
            "solution-category", "solution-scope", "solution-type", "type"], all.GetProperty("vocabularies").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).Order());
        Assert.Equal(CoreVocabularies.Sector.Terms.Select(t => t.Code), sector.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("code").GetString()!));
        Assert.Equal($"{Base}/vocabularies/sector", sector.GetProperty("uri").GetString());
        var retail = sector.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "retail");
        Assert.Equal($"{Base}/vocabularies/sector#retail", retail.GetProperty("uri").GetString());
        Assert.Equal(CoreVocabularies.Sector.Find("retail")!.Label, retail.GetProperty("label").GetString());
        Assert.Equal(CoreVocabularies.Sector.Find("retail")!.ExactMatch, retail.GetProperty("exact_match").EnumerateArray().Select(m => m.GetString()!));
        Assert.NotEmpty(retail.GetProperty("exact_match").EnumerateArray());
    }

    // No JSON-LD processor for .NET is available to this project, so this expands the document the way
    // JSON-LD 1.1 does for what it uses (terms, compact IRIs, @type coercion to @id, @language) and
    // checks that every key becomes a SKOS or Dublin Core IRI, since a processor drops undefined terms.
    [Fact]
    public async Task The_skos_json_ld_expands_to_skos_concepts_with_labels_definitions_and_exact_matches()
    {
        using var response = await Site.Http.GetAsync("/vocabularies/kind.jsonld");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var context = document.GetProperty("@context");
        var nodes = document.GetProperty("@graph").EnumerateArray().Select(n => Expand(n, context)).ToList();

        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var node in nodes)
        {
            Assert.All(node.Keys.Where(k => k != "@id" && k != "@type"), key =>
                Assert.True(key.StartsWith(Skos, StringComparison.Ordinal) || key.StartsWith("http://purl.org/dc/terms/", StringComparison.Ordinal), key));
        }
        var scheme = nodes.Single(n => n["@type"].Single().Value == Skos + "ConceptScheme");
        Assert.Equal($"{Base}/vocabularies/kind", scheme["@id"].Single().Value);
        Assert.Equal(CoreVocabularies.Kind.Terms.Count, scheme[Skos + "hasTopConcept"].Count);
        Assert.Equal(CoreVocabularies.Kind.Terms.Count, nodes.Count(n => n["@type"].Single().Value == Skos + "Concept"));

        var network = nodes.Single(n => n["@id"].Single().Value == $"{Base}/vocabularies/kind#network");
        Assert.Equal(Skos + "Concept", network["@type"].Single().Value);
        Assert.Equal(("Network / federation", "en"), (network[Skos + "prefLabel"].Single().Value, network[Skos + "prefLabel"].Single().Language));
        Assert.Contains("federation", network[Skos + "definition"].Single().Value);
        Assert.Equal(("network", (string?)null), (network[Skos + "notation"].Single().Value, network[Skos + "notation"].Single().Language));
        Assert.Equal(new ExpandedValue($"{Base}/vocabularies/kind", IsIri: true), network[Skos + "inScheme"].Single());
        Assert.Contains(new ExpandedValue("https://dev.lod.coop/essglobal/2.1/standard/organisational-structure/OS110", IsIri: true), network[Skos + "exactMatch"]);
    }

    [Theory]
    [InlineData("/vocabularies/type", "application/ld+json", "application/ld+json")]
    [InlineData("/vocabularies/type", "application/json", "application/json")]
    [InlineData("/vocabularies/type", "text/html,application/xhtml+xml,*/*;q=0.8", "text/html")]
    [InlineData("/vocabularies/type", null, "text/html")]
    [InlineData("/vocabularies", "application/ld+json", "application/ld+json")]
    [InlineData("/vocabularies", "application/json;q=0.5, application/ld+json", "application/ld+json")]
    [InlineData("/vocabularies/type.json", "text/html", "application/json")]
    [InlineData("/vocabularies/type.jsonld", null, "application/ld+json")]
    public async Task The_format_follows_the_suffix_or_else_the_accept_header(string url, string? accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await Site.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_vocabularies_page_lists_them_and_each_concept_iri_leads_to_its_row()
    {
        var index = await Site.Http.GetPageAsync("/vocabularies");
        var kind = await Site.Http.GetPageAsync("/vocabularies/kind");

        Assert.Equal(["Kind of organization", CoreVocabularies.Type.Title, CoreVocabularies.Sector.Title, CoreVocabularies.Relationship.Title,
                "Monetary model", "Unit of account", "Convertibility to legal money", "Accounting technology", "Movement", "Cost recovery",
                "Kind of shared solution", "Software type", "Development status", "Maintenance", "Solution category", "Scope",
                "Sustainable Development Goal", "Identifier scheme"],
            index.QuerySelectorAll("tbody th a").Select(a => a.TextContent.Trim()).ToList());
        Assert.Equal("Cooperative", kind.QuerySelector("tr#cooperative td a")!.TextContent.Trim());
        Assert.Equal("/vocabularies/kind.jsonld", kind.QuerySelector("link[rel=alternate][type='application/ld+json']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Relationship_types_say_which_kinds_stand_at_each_end_and_which_org_schema_org_and_wikidata_terms_they_are_close_to()
    {
        var json = await Site.Http.GetJsonAsync("/vocabularies/relationship.json");
        using var skos = JsonDocument.Parse(await Site.Http.GetStringAsync("/vocabularies/relationship.jsonld"));
        var page = await Site.Http.GetPageAsync("/vocabularies/relationship");

        var codes = json.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("code").GetString()!).ToList();
        Assert.Equal(["member_of", "subsidiary_of", "branch_of", "supplier_to", "partner_of", "funded_by", "successor_of", "spun_out_of",
            "maintains_software", "uses_software", "issues_currency", "accepts_currency", "operates_in"], codes);
        var memberOf = json.GetProperty("terms")[0];
        Assert.False(memberOf.GetProperty("symmetric").GetBoolean());
        Assert.Empty(memberOf.GetProperty("subject_kinds").EnumerateArray());
        Assert.Contains("network", memberOf.GetProperty("object_kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("http://www.w3.org/ns/org#memberOf", memberOf.GetProperty("close_match").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("http://www.wikidata.org/entity/P463", memberOf.GetProperty("close_match").EnumerateArray().Select(m => m.GetString()));
        Assert.True(json.GetProperty("terms")[4].GetProperty("symmetric").GetBoolean());
        // Every kind a type names is a kind organizations can have.
        Assert.All(CoreVocabularies.Relationship.Terms.SelectMany(t => t.Ends!.SubjectKinds.Concat(t.Ends.ObjectKinds)),
            kind => Assert.NotNull(CoreVocabularies.Kind.Find(kind)));
        // Kind, type and sector terms say nothing of ends.
        Assert.False((await Site.Http.GetJsonAsync("/vocabularies/kind.json")).GetProperty("terms")[0].TryGetProperty("symmetric", out _));

        var concept = skos.RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@id").GetString() == $"{Base}/vocabularies/relationship#member_of");
        Assert.Contains("https://schema.org/memberOf", concept.GetProperty("closeMatch").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Subject: any kind. Object: Network / federation, City network, Support organization.", concept.GetProperty("scopeNote").GetString());
        Assert.Equal("skos:closeMatch", skos.RootElement.GetProperty("@context").GetProperty("closeMatch").GetProperty("@id").GetString());

        Assert.Contains("Reads the same both ways.", page.QuerySelector("tr#partner_of")!.TextContent);
        Assert.Null(page.QuerySelector("tr#member_of a[href^='/search']"));
    }

    [Theory]
    [InlineData("/vocabularies/colour")]
    [InlineData("/vocabularies/colour.json")]
    [InlineData("/vocabularies/kind.xml")]
    public async Task An_unknown_vocabulary_is_404(string url)
    {
        using var response = await Site.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed record ExpandedValue(string Value, bool IsIri = false, string? Language = null);

    private static Dictionary<string, List<ExpandedValue>> Expand(JsonElement node, JsonElement context)
    {
        var expanded = new Dictionary<string, List<ExpandedValue>>();
        foreach (var property in node.EnumerateObject())
        {
            var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
            var definition = context.TryGetProperty(property.Name, out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
            var key = property.Name.StartsWith('@') ? property.Name : Iri(property.Name, context);
            expanded[key] = values.Select(v => property.Name switch
            {
                "@id" => new ExpandedValue(v.GetString()!, IsIri: true),
                "@type" => new ExpandedValue(Iri(v.GetString()!, context), IsIri: true),
                _ when definition?.TryGetProperty("@type", out var type) == true && type.GetString() == "@id" => new ExpandedValue(v.GetString()!, IsIri: true),
                _ => new ExpandedValue(v.GetString()!, Language: definition?.TryGetProperty("@language", out var language) == true ? language.GetString() : null),
            }).ToList();
        }
        return expanded;
    }

    /// <summary>A term or compact IRI as an absolute IRI, by the context's definitions and prefixes.</summary>
    private static string Iri(string value, JsonElement context)
    {
        if (context.TryGetProperty(value, out var definition))
            return Iri(definition.ValueKind == JsonValueKind.String ? definition.GetString()! : definition.GetProperty("@id").GetString()!, context);
        var colon = value.IndexOf(':');
        return colon > 0 && context.TryGetProperty(value[..colon], out var prefix) && prefix.ValueKind == JsonValueKind.String
            ? prefix.GetString() + value[(colon + 1)..]
            : value;
    }
}
