using System.Text.Json;

namespace Coopdir.Core.Organizations;

/// <summary>A concept from one of the ESSGlobal 2.1 schemes used by Solidarity Economy Association data.</summary>
public sealed record EssGlobalConcept(string Scheme, string Code, string Label)
{
    public string Uri => $"{EssGlobal.BaseUri}{EssGlobal.PathOf(Scheme)}/{Code}";
}

/// <summary>
/// Resolves ESSGlobal URIs (organisational structure, ICA activity, base membership type) to
/// labels from the vendored SEA vocabulary file, and maps them onto Coopdir's vocabularies.
/// </summary>
public static class EssGlobal
{
    public const string BaseUri = "https://dev.lod.coop/essglobal/2.1/standard/";
    public const string OrganisationalStructure = "essglobal:organisational-structure";
    public const string Activity = "essglobal:activities-ica";
    public const string MembershipType = "essglobal:base-membership-type";

    /// <summary>Where the countries scheme (coun) puts its concepts: the ISO alpha-2 code follows.</summary>
    public const string CountryUri = BaseUri + "countries-iso/";

    private static readonly (string Scheme, string Path, string Key)[] Schemes =
    [
        (OrganisationalStructure, "organisational-structure", "os"),
        (Activity, "activities-ica", "aci"),
        (MembershipType, "base-membership-type", "bmt"),
    ];

    private static readonly Lazy<Dictionary<(string, string), EssGlobalConcept>> Concepts = new(Load);

    public static string PathOf(string scheme) => Schemes.First(s => s.Scheme == scheme).Path;

    public static bool IsEssGlobalScheme(string scheme) => Schemes.Any(s => s.Scheme == scheme);

    /// <summary>Finds the concept a URI (or a bare code such as OS130) names within the expected scheme.</summary>
    public static EssGlobalConcept? Resolve(string scheme, string uriOrCode)
    {
        var code = uriOrCode.Trim();
        var path = PathOf(scheme);
        foreach (var prefix in new[] { BaseUri + path + "/", "http://purl.org/essglobal/standard/" + path + "/" })
        {
            if (code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) code = code[prefix.Length..];
        }
        return Concepts.Value.GetValueOrDefault((scheme, code.ToUpperInvariant()));
    }

    public static string? LabelOf(string scheme, string code) => Resolve(scheme, code)?.Label;

    /// <summary>The Coopdir term whose ESSGlobal matches include this concept.</summary>
    public static string? MapTo(Vocabulary vocabulary, EssGlobalConcept concept) =>
        vocabulary.Terms.FirstOrDefault(t => t.ExactMatch.Contains(concept.Uri, StringComparer.OrdinalIgnoreCase))?.Code;

    private static Dictionary<(string, string), EssGlobalConcept> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read("essglobal-2.1-vocabs.json"));
        var vocabs = document.RootElement.GetProperty("vocabs");
        var concepts = new Dictionary<(string, string), EssGlobalConcept>();
        foreach (var (scheme, _, key) in Schemes)
        {
            foreach (var term in vocabs.GetProperty(key).GetProperty("en").GetProperty("terms").EnumerateObject())
            {
                concepts[(scheme, term.Name.ToUpperInvariant())] = new EssGlobalConcept(scheme, term.Name, term.Value.GetString()!);
            }
        }
        return concepts;
    }
}
