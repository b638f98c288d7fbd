using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.VocabularyPublishing;

/// <summary>
/// The vocabularies as SKOS in JSON-LD: each a skos:ConceptScheme with its skos:Concepts (prefLabel,
/// definition, notation, inScheme, topConceptOf, exactMatch to ESSGlobal; for relationship types
/// closeMatch to ORG, schema.org and Wikidata and a scopeNote on the kinds they join), under one @context that
/// maps every short name to its SKOS or Dublin Core IRI.
/// </summary>
public static class VocabularySkos
{
    public const string MediaType = "application/ld+json";
    public const string Skos = "http://www.w3.org/2004/02/skos/core#";
    public const string DublinCore = "http://purl.org/dc/terms/";

    public static JsonObject Document(IEnumerable<Vocabulary> vocabularies, VocabularyIris iris)
    {
        var graph = new JsonArray();
        foreach (var vocabulary in vocabularies)
        {
            var scheme = iris.Scheme(vocabulary);
            graph.Add(new JsonObject
            {
                ["@id"] = scheme,
                ["@type"] = "ConceptScheme",
                ["title"] = vocabulary.Title,
                ["description"] = vocabulary.Description,
                ["hasTopConcept"] = Array(vocabulary.Terms.Select(t => iris.Concept(vocabulary, t))),
            });
            foreach (var term in vocabulary.Terms)
            {
                var concept = new JsonObject
                {
                    ["@id"] = iris.Concept(vocabulary, term),
                    ["@type"] = "Concept",
                    ["notation"] = term.Code,
                    ["prefLabel"] = term.Label,
                    ["inScheme"] = scheme,
                    ["topConceptOf"] = scheme,
                };
                if (term.Description is not null) concept["definition"] = term.Description;
                if (term.ExactMatch.Count > 0) concept["exactMatch"] = Array(term.ExactMatch);
                if (term.CloseMatch is { Count: > 0 } close) concept["closeMatch"] = Array(close);
                if (term.Ends is { } ends) concept["scopeNote"] = VocabularyText.Ends(ends);
                graph.Add(concept);
            }
        }
        return new JsonObject { ["@context"] = Context(), ["@graph"] = graph };
    }

    private static JsonObject Context() => new()
    {
        ["skos"] = Skos,
        ["dcterms"] = DublinCore,
        ["ConceptScheme"] = "skos:ConceptScheme",
        ["Concept"] = "skos:Concept",
        ["notation"] = "skos:notation",
        ["prefLabel"] = Term("skos:prefLabel", language: true),
        ["definition"] = Term("skos:definition", language: true),
        ["inScheme"] = Term("skos:inScheme"),
        ["topConceptOf"] = Term("skos:topConceptOf"),
        ["hasTopConcept"] = Term("skos:hasTopConcept"),
        ["exactMatch"] = Term("skos:exactMatch"),
        ["closeMatch"] = Term("skos:closeMatch"),
        ["scopeNote"] = Term("skos:scopeNote", language: true),
        ["title"] = Term("dcterms:title", language: true),
        ["description"] = Term("dcterms:description", language: true),
    };

    // Labels and definitions are English text; links are IRIs, not strings.
    private static JsonObject Term(string id, bool language = false) =>
        language ? new JsonObject { ["@id"] = id, ["@language"] = "en" } : new JsonObject { ["@id"] = id, ["@type"] = "@id" };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
