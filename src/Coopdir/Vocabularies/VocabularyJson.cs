using System.Text.Json.Serialization;
using Coopdir.Core.Organizations;

namespace Coopdir.VocabularyPublishing;

/// <summary>
/// Where a vocabulary and its concepts live: the scheme at {site}/vocabularies/{name}, each concept at
/// the scheme's page with its code as fragment ({site}/vocabularies/kind#cooperative), which is also
/// the row of that concept on the page, so every IRI dereferences to its definition.
/// </summary>
public sealed record VocabularyIris(string SiteBase)
{
    public static VocabularyIris For(HttpRequest request) => new(Shared.PublicUrl.Of(request));

    public string Scheme(Vocabulary vocabulary) => $"{SiteBase}/vocabularies/{vocabulary.Name}";

    public string Concept(Vocabulary vocabulary, VocabularyTerm term) => $"{Scheme(vocabulary)}#{Uri.EscapeDataString(term.Code)}";
}

/// <summary>GET /vocabularies.json: every vocabulary.</summary>
public sealed record VocabularyList(IReadOnlyList<VocabularyDocument> Vocabularies);

/// <summary>GET /vocabularies/{name}.json: one vocabulary and its terms, codes being what the API's filters take.</summary>
public sealed record VocabularyDocument(string Name, string Uri, string Title, string Description, IReadOnlyList<VocabularyConcept> Terms)
{
    public static VocabularyDocument From(Vocabulary v, VocabularyIris iris) =>
        new(v.Name, iris.Scheme(v), v.Title, v.Description,
            v.Terms.Select(t => new VocabularyConcept(t.Code, iris.Concept(v, t), t.Label, t.Description, t.ExactMatch,
                t.CloseMatch, t.Ends?.Symmetric, t.Ends?.SubjectKinds, t.Ends?.ObjectKinds)).ToList());
}

/// <param name="ExactMatch">The ESSGlobal 2.1 concepts this term means (skos:exactMatch).</param>
/// <param name="CloseMatch">For a relationship type: the W3C ORG, schema.org, Wikidata and Popolo terms close to it (skos:closeMatch).</param>
/// <param name="Symmetric">For a relationship type: whether it reads the same both ways.</param>
/// <param name="SubjectKinds">For a relationship type: the kinds that may be its subject; empty for any.</param>
/// <param name="ObjectKinds">For a relationship type: the kinds that may be its object; empty for any.</param>
public sealed record VocabularyConcept(string Code, string Uri, string Label, string? Definition, IReadOnlyList<string> ExactMatch,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CloseMatch = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Symmetric = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SubjectKinds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ObjectKinds = null);
