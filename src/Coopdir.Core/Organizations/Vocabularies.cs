using System.Reflection;
using System.Text.Json;

namespace Coopdir.Core.Organizations;

/// <param name="ExactMatch">Concepts of other vocabularies this term means (ESSGlobal, for kind, type and sector).</param>
/// <param name="CloseMatch">Terms of other vocabularies close to this one (W3C ORG, schema.org, Wikidata, Popolo, for relationship types).</param>
/// <param name="Ends">For a relationship type: which kinds may stand at each end, and whether it reads the same both ways.</param>
/// <param name="InverseLabel">For a relationship type: how the object's page heads the list of its subjects ("Members" for "Member of").</param>
public sealed record VocabularyTerm(string Code, string Label, string? Description, IReadOnlyList<string> ExactMatch,
    IReadOnlyList<string>? CloseMatch = null, RelationshipEnds? Ends = null, string? InverseLabel = null);

/// <summary>Which kinds of organization a relationship type joins (an empty list: any kind), and whether it is symmetric.</summary>
public sealed record RelationshipEnds(bool Symmetric, IReadOnlyList<string> SubjectKinds, IReadOnlyList<string> ObjectKinds)
{
    public bool AllowsSubject(string kind) => SubjectKinds.Count == 0 || SubjectKinds.Contains(kind);
    public bool AllowsObject(string kind) => ObjectKinds.Count == 0 || ObjectKinds.Contains(kind);

    /// <summary>The kinds' labels, or "any kind" for an empty list.</summary>
    public static string Describe(IReadOnlyList<string> kinds) =>
        kinds.Count == 0 ? "any kind" : string.Join(", ", kinds.Select(Vocabularies.Kind.LabelOf));
}

public sealed record Vocabulary(string Name, string Title, string Description, IReadOnlyList<VocabularyTerm> Terms)
{
    public VocabularyTerm? Find(string code) =>
        Terms.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    public string LabelOf(string code) => Find(code)?.Label ?? code;

    /// <summary>Whether search and statistics filter by this vocabulary's codes (kind, type, sector).</summary>
    public bool FiltersSearch => Name is Vocabularies.KindName or Vocabularies.TypeName or Vocabularies.SectorName;
}

/// <summary>
/// Coopdir's controlled vocabularies (kind, cooperative type, sector, relationship). They are data,
/// kept in Vocabularies/coopdir-vocabularies.json; each term lists the ESSGlobal concepts it matches,
/// and each relationship type the kinds at its ends and the ORG, schema.org and Wikidata terms close to it.
/// </summary>
public static class Vocabularies
{
    public const string KindName = "kind";
    public const string TypeName = "type";
    public const string SectorName = "sector";
    public const string RelationshipName = "relationship";
    public const string SolutionCategoryName = "solution-category";

    private static readonly Lazy<IReadOnlyDictionary<string, Vocabulary>> Loaded = new(Load);

    public static Vocabulary Kind => Loaded.Value[KindName];
    public static Vocabulary Type => Loaded.Value[TypeName];
    public static Vocabulary Sector => Loaded.Value[SectorName];
    public static Vocabulary Relationship => Loaded.Value[RelationshipName];
    /// <summary>The publiccode.yml standard's software categories: what a solution is for, and what a posted problem is about.</summary>
    public static Vocabulary SolutionCategory => Loaded.Value[SolutionCategoryName];
    public static IEnumerable<Vocabulary> All => Loaded.Value.Values;

    public static Vocabulary? Find(string name) => Loaded.Value.GetValueOrDefault(name);

    // The community currency facets are a file of their own: their codes and labels are Murmurations' (see NOTICE.md);
    // so are the shared solutions' facets, mostly the publiccode.yml standard's lists.
    private static IReadOnlyDictionary<string, Vocabulary> Load() =>
        new[] { "coopdir-vocabularies.json", "currency-vocabularies.json", "solution-vocabularies.json", IdentifierSchemes.FileName }.SelectMany(LoadFile).ToDictionary();

    private static IEnumerable<KeyValuePair<string, Vocabulary>> LoadFile(string fileName)
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read(fileName));
        return document.RootElement.EnumerateObject().Select(v => KeyValuePair.Create(
            v.Name,
            new Vocabulary(
                v.Name,
                v.Value.GetProperty("title").GetString()!,
                v.Value.GetProperty("description").GetString()!,
                v.Value.GetProperty("terms").EnumerateArray().Select(t => new VocabularyTerm(
                    t.GetProperty("code").GetString()!,
                    t.GetProperty("label").GetString()!,
                    t.TryGetProperty("description", out var d) ? d.GetString() : null,
                    Strings(t, "essglobal"),
                    t.TryGetProperty("close_match", out _) ? Strings(t, "close_match") : null,
                    t.TryGetProperty("symmetric", out var symmetric)
                        ? new RelationshipEnds(symmetric.GetBoolean(), Strings(t, "subject_kinds"), Strings(t, "object_kinds"))
                        : null,
                    t.TryGetProperty("inverse_label", out var inverse) ? inverse.GetString() : null))
                .ToList()))).ToList();
    }

    private static List<string> Strings(JsonElement term, string name) =>
        term.TryGetProperty(name, out var values) ? values.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}

internal static class EmbeddedData
{
    public static Stream Open(string fileName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = $"Coopdir.Core.Organizations.Vocabularies.{fileName}";
        return assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
    }

    public static string Read(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd();
    }
}
