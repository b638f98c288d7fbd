using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Reads Co-operatives UK's open data organisations file (e.g. the 2017-06 extract): registered
/// details, legal form, ownership class, SIC code and live/dead status for every UK co-op.
/// </summary>
public static class CoopsUkReader
{
    private const string Id = "CUK Organisation ID", RegisteredName = "Registered Name", TradingName = "Trading Name",
        LegalForm = "Legal Form", Ownership = "Ownership Classification", SicCode = "SIC Code", Nation = "UK Nation";

    private static readonly Dictionary<string, string> Columns = new()
    {
        ["kind"] = LegalForm, ["types"] = Ownership, ["sector"] = SicCode, ["status"] = "Registered Status",
        ["founded_on"] = "Incorporation Date", ["dissolved_on"] = "Dissolved Date",
        ["locations.street"] = "Registered Street", ["locations.locality"] = "Registered City",
        ["locations.region"] = "Registered State/Province", ["locations.postcode"] = "Registered Postcode",
        ["locations.country"] = Nation,
    };

    // Registrars whose numbers have an org-id.guide scheme; OSCR and the Charity Commission rows carry no number.
    private static readonly Dictionary<string, string> RegistrarSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FCA"] = "GB-MPR", ["Companies House"] = "GB-COH", ["DETINI"] = "GB-NIC",
    };

    public static ParsedFile Read(TextReader reader)
    {
        var table = CsvTable.Read(reader);
        var missing = table.Header.MissingRequired(Id, RegisteredName);
        if (missing.Length > 0) return ParsedFile.Failed(missing);

        var file = new ParsedFileBuilder(table.Header);
        foreach (var row in table.Rows)
        {
            var id = row.Required(Id);
            var registered = row.Text(RegisteredName);
            var columns = new Dictionary<string, string>(Columns)
            {
                ["name"] = registered is null ? TradingName : RegisteredName,
                ["alternate_names"] = registered is null ? RegisteredName : TradingName,
            };
            file.Add(row, Id, id, ReadContent(row, id), columns);
        }
        return file.Build();
    }

    /// <summary>Co-operatives UK's "Registered Status": Live or Dead.</summary>
    internal static string StatusOf(string? registeredStatus) => registeredStatus?.ToUpperInvariant() switch
    {
        "LIVE" => OrganizationStatus.Active,
        "DEAD" => OrganizationStatus.Dissolved,
        _ => OrganizationStatus.Unknown,
    };

    private static OrganizationContent ReadContent(CsvRow row, string? id)
    {
        var registered = row.Text(RegisteredName);
        var trading = row.Text(TradingName);
        var structure = StructureOf(row);
        var (sic, activity) = SicOf(row);
        EssGlobalConcept?[] concepts = [structure?.Structure, structure?.Membership, activity];
        var sector = row.Text("Sector - Simplified, High Level");

        // The registered name is the name, as in Co-operatives UK's later files (and the SEA standard CSV made
        // from them), so that the same organization's name compares alike across them; a trading name is another name.
        return new OrganizationContent
        {
            Name = registered ?? trading ?? "",
            AlternateNames = CsvRow.AlternateName(registered ?? trading, registered is null ? null : trading),
            Kind = EssGlobalTerms.KindOf(structure?.Structure is { } os ? [os] : []),
            Types = EssGlobalTerms.TypesOf(concepts),
            Sector = EssGlobalTerms.SectorOf(activity),
            Status = StatusOf(row.Text("Registered Status")),
            FoundedOn = row.Date("Incorporation Date"),
            DissolvedOn = row.Date("Dissolved Date"),
            Locations =
            [
                new Location(row.Text("Registered Street"), row.Text("Registered City"), row.Text("Registered State/Province"),
                    row.Text("Registered Postcode"), row.Country(Nation, row.Text(Nation) ?? "GB")),
            ],
            Identifiers = IdentifiersOf(row, id),
            Classifications = EssGlobalTerms.Classify(concepts)
                .Concat(sic is null ? [] : [new Classification("uk-sic-2007", sic)])
                .Concat(sector is null ? [] : [new Classification("coops-uk:sector", sector)])
                .ToList(),
        };
    }

    private static CoopsUkStructure? StructureOf(CsvRow row)
    {
        var legalForm = row.Text(LegalForm) ?? CoopsUkMappings.Unspecified;
        var ownership = row.Text(Ownership) ?? CoopsUkMappings.Unspecified;
        if (!CoopsUkMappings.IsLegalForm(legalForm))
            row.Error(LegalForm, $"'{legalForm}' is not a known legal form ({string.Join(", ", CoopsUkMappings.LegalForms)})");
        if (!CoopsUkMappings.IsOwnership(ownership))
            row.Error(Ownership, $"'{ownership}' is not a known ownership classification ({string.Join(", ", CoopsUkMappings.Ownerships)})");
        return CoopsUkMappings.Structure(legalForm, ownership);
    }

    /// <summary>"UKSIC07-9499" (2 to 5 digits) or bare digits; the first two digits are the SIC division.</summary>
    private static (string? Code, EssGlobalConcept? Activity) SicOf(CsvRow row)
    {
        var value = row.Text(SicCode);
        if (value is null) return (null, null);
        var code = value.StartsWith("UKSIC07-", StringComparison.OrdinalIgnoreCase) ? value["UKSIC07-".Length..] : value;
        if (code.Length is < 2 or > 5 || !code.All(char.IsAsciiDigit))
        {
            row.Error(SicCode, $"'{value}' is not a UK SIC 2007 code (UKSIC07-NNNNN)");
            return (null, null);
        }
        return (code, CoopsUkMappings.Activity(code[..2]));
    }

    private static IReadOnlyList<Identifier> IdentifiersOf(CsvRow row, string? id)
    {
        var identifiers = new List<Identifier>();
        if (id is not null) identifiers.Add(new Identifier("coops-uk", id));
        if (row.Text("Registered Number") is { } number && row.Text("Registrar") is { } registrar
            && RegistrarSchemes.TryGetValue(registrar, out var scheme))
            identifiers.Add(new Identifier(scheme, number));
        return identifiers;
    }
}
