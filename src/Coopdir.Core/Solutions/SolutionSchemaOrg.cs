using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Solutions;

/// <summary>
/// A shared solution in schema.org terms, for the record's JSON-LD on its page (<see cref="SchemaOrg"/>) and in
/// the JSON-LD export: software is a SoftwareSourceCode, and a SoftwareApplication too when it is a standalone
/// application; open data a Dataset; standards, content and AI models CreativeWorks. Its repositories, licences
/// (SPDX), maintainers and funders (the relationships that hold now), platforms, languages and release follow.
/// </summary>
public static class SolutionSchemaOrg
{
    public static bool IsSolution(OrganizationContent c) => c.Kind == SolutionRules.Kind;

    /// <summary>The schema.org types of a solution (a solution that says nothing of its type is software).</summary>
    public static IReadOnlyList<string> TypesOf(OrganizationContent c)
    {
        var types = new List<string>();
        var solutionTypes = SolutionRules.CodesOf(c, "solution-type");
        if (solutionTypes.Count == 0 || solutionTypes.Contains("software"))
        {
            types.Add("SoftwareSourceCode");
            if (SolutionRules.CodesOf(c, "software-type").Any(t => t.StartsWith("standalone/", StringComparison.Ordinal))) types.Add("SoftwareApplication");
        }
        if (solutionTypes.Contains("data")) types.Add("Dataset");
        if (solutionTypes.Any(t => t is "standard" or "content" or "ai-model")) types.Add("CreativeWork");
        return types;
    }

    /// <summary>The SPDX page of each licence its expression names.</summary>
    public static IReadOnlyList<string> LicenceUrls(OrganizationContent c) =>
        SolutionLicences.IdsOf(c.Solution?.Licence).Select(id => $"https://spdx.org/licenses/{Uri.EscapeDataString(id)}.html").ToList();

    /// <param name="reference">How another organization is referred to: a node with its name on a page, its URL in the export.</param>
    public static void Add(JsonObject node, Organization o, Func<long, string, JsonNode> reference)
    {
        var c = o.Content;
        var facts = c.Solution;
        Values(node, "codeRepository", SolutionRules.RepositoriesOf(c).Select(r => (JsonNode)r));
        Values(node, "license", LicenceUrls(c).Select(u => (JsonNode)u));
        Values(node, "maintainer", SolutionLinks.Of(o, SolutionLinks.Types[0]).Where(r => r.IsCurrent)
            .Select(r => reference(r.SubjectId, r.SubjectName)));
        Values(node, "funder", SolutionLinks.Of(o, SolutionLinks.Types[1]).Where(r => r.IsCurrent)
            .Select(r => reference(r.ObjectId, r.ObjectName)));
        var categories = Vocabularies.Find("solution-category");
        Values(node, "applicationCategory", SolutionRules.CodesOf(c, "solution-category").Select(code => (JsonNode)(categories?.LabelOf(code) ?? code)));
        Values(node, "operatingSystem", (facts?.Platforms ?? []).Select(p => (JsonNode)p));
        Values(node, "inLanguage", SolutionRules.CodesOf(c, SolutionRules.AvailableLanguage).Select(l => (JsonNode)l));
        SchemaOrg.Set(node, "softwareVersion", facts?.Version);
        SchemaOrg.Set(node, "image", facts?.Logo);
    }

    private static void Values(JsonObject node, string name, IEnumerable<JsonNode> values)
    {
        var list = values.ToArray();
        if (list.Length > 0) node[name] = new JsonArray(list.Select(v => (JsonNode?)v).ToArray());
    }
}
