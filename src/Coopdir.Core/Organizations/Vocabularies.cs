using System.Reflection;
using System.Text.Json;

namespace Coopdir.Core.Organizations;

public sealed record VocabularyTerm(string Code, string Label, string? Description, IReadOnlyList<string> ExactMatch);

public sealed record Vocabulary(string Name, string Title, string Description, IReadOnlyList<VocabularyTerm> Terms)
{
    public VocabularyTerm? Find(string code) =>
        Terms.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    public string LabelOf(string code) => Find(code)?.Label ?? code;
}

/// <summary>
/// Coopdir's controlled vocabularies (kind, cooperative type, sector). They are data, kept in
/// Vocabularies/coopdir-vocabularies.json, and each term lists the ESSGlobal concepts it matches.
/// </summary>
public static class Vocabularies
{
    public const string KindName = "kind";
    public const string TypeName = "type";
    public const string SectorName = "sector";

    private static readonly Lazy<IReadOnlyDictionary<string, Vocabulary>> Loaded = new(Load);

    public static Vocabulary Kind => Loaded.Value[KindName];
    public static Vocabulary Type => Loaded.Value[TypeName];
    public static Vocabulary Sector => Loaded.Value[SectorName];
    public static IEnumerable<Vocabulary> All => Loaded.Value.Values;

    public static Vocabulary? Find(string name) => Loaded.Value.GetValueOrDefault(name);

    private static IReadOnlyDictionary<string, Vocabulary> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read("coopdir-vocabularies.json"));
        return document.RootElement.EnumerateObject().ToDictionary(
            v => v.Name,
            v => new Vocabulary(
                v.Name,
                v.Value.GetProperty("title").GetString()!,
                v.Value.GetProperty("description").GetString()!,
                v.Value.GetProperty("terms").EnumerateArray().Select(t => new VocabularyTerm(
                    t.GetProperty("code").GetString()!,
                    t.GetProperty("label").GetString()!,
                    t.TryGetProperty("description", out var d) ? d.GetString() : null,
                    t.TryGetProperty("essglobal", out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : []))
                .ToList()));
    }
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
