using System.Globalization;
using CsvHelper;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>Structure and membership type that a Co-operatives UK legal form and ownership class stand for.</summary>
internal sealed record CoopsUkStructure(EssGlobalConcept? Structure, EssGlobalConcept? Membership);

/// <summary>
/// The Solidarity Economy Association's tables for Co-operatives UK data, vendored as embedded CSV:
/// legal form + ownership → ESSGlobal structure and membership type, SIC division → ICA activity.
/// </summary>
internal static class CoopsUkMappings
{
    public const string Unspecified = "Unspecified";
    public const string SicScheme = "uk-sic-2007";

    private static readonly Lazy<Dictionary<(string LegalForm, string Ownership), CoopsUkStructure>> Structures = new(LoadStructures);
    private static readonly Lazy<Dictionary<string, EssGlobalConcept>> ActivitiesByDivision = new(LoadActivities);

    public static IEnumerable<string> LegalForms => Structures.Value.Keys.Select(k => k.LegalForm).Distinct();
    public static IEnumerable<string> Ownerships => Structures.Value.Keys.Select(k => k.Ownership).Distinct();

    public static CoopsUkStructure? Structure(string legalForm, string ownership) =>
        Structures.Value.GetValueOrDefault((Known(LegalForms, legalForm), Known(Ownerships, ownership)));

    public static bool IsLegalForm(string value) => LegalForms.Contains(value, StringComparer.OrdinalIgnoreCase);
    public static bool IsOwnership(string value) => Ownerships.Contains(value, StringComparer.OrdinalIgnoreCase);

    // The table's own spelling, so lookups ignore case without a custom tuple comparer.
    private static string Known(IEnumerable<string> names, string value) =>
        names.FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) ?? value;

    /// <summary>The ICA activity for a two-digit SIC 2007 division such as "94".</summary>
    public static EssGlobalConcept? Activity(string division) => ActivitiesByDivision.Value.GetValueOrDefault(division);

    private static Dictionary<(string, string), CoopsUkStructure> LoadStructures() =>
        ReadRows("legal-ownership-to-org-membership.csv", "Legal Form", "Ownership Classification",
                "Organisational Structure ID", "Base Membership Type ID")
            .ToDictionary(
                r => (r[0], r[1]),
                r => new CoopsUkStructure(Concept(EssGlobal.OrganisationalStructure, r[2]), Concept(EssGlobal.MembershipType, r[3])));

    private static Dictionary<string, EssGlobalConcept> LoadActivities() =>
        ReadRows("sic-division-to-ica-activity.csv", "SIC Division", "Activity ID")
            .ToDictionary(r => r[0], r => Concept(EssGlobal.Activity, r[1])!);

    private static EssGlobalConcept? Concept(string scheme, string code) =>
        code.Length == 0 ? null
        : EssGlobal.Resolve(scheme, code) ?? throw new InvalidOperationException($"Vendored mapping names unknown {scheme} code {code}.");

    private static List<string[]> ReadRows(string fileName, params string[] columns)
    {
        using var reader = new StreamReader(EmbeddedData.Open(fileName));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(columns.Select(c => (csv.GetField(c) ?? "").Trim()).ToArray());
        return rows;
    }
}
