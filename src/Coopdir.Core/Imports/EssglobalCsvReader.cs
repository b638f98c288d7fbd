using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Reads the Solidarity Economy Association "standard" CSV: one row per initiative, with ESSGlobal
/// URIs for structure, activity and membership type. Extra columns that Co-operatives UK derived
/// files carry (SIC Code, Registered Status, dates, Organisation Name) are used when present.
/// Other publishers write the standard a little differently, and these are read as meant: "Country ID"
/// as an ESSGlobal countries URI (…/countries-iso/GB) or a country name, dates with a time part, and
/// several websites in one cell separated by ";". Of those the first web address is the website; the
/// others are dropped without a report, as Coopdir keeps one website and the row is not wrong. Columns
/// the standard does not name are ignored.
/// </summary>
public static class EssglobalCsvReader
{
    private const string Id = "Identifier", Name = "Name", Structure = "Organisational Structure",
        PrimaryActivity = "Primary Activity", Activities = "Activities", Membership = "Membership Type",
        Latitude = "Latitude", Longitude = "Longitude",
        ContainerLatitude = "Geo Container Latitude", ContainerLongitude = "Geo Container Longitude";

    private static readonly Dictionary<string, string> Columns = new()
    {
        ["name"] = Name, ["alternate_names"] = "Organisation Name", ["kind"] = Structure, ["types"] = Membership,
        ["sector"] = PrimaryActivity, ["description"] = "Description", ["status"] = "Registered Status",
        ["founded_on"] = "Incorporation Date", ["dissolved_on"] = "Dissolved Date", ["website"] = "Website",
        ["email"] = "Email", ["phone"] = "Phone", ["locations.street"] = "Street Address",
        ["locations.locality"] = "Locality", ["locations.region"] = "Region", ["locations.postcode"] = "Postcode",
        ["locations.country"] = "Country ID", ["locations.latitude"] = Latitude, ["locations.longitude"] = Longitude,
    };

    private static readonly Dictionary<string, string> ContainerColumns = new(Columns)
    {
        ["locations.latitude"] = ContainerLatitude, ["locations.longitude"] = ContainerLongitude,
    };

    public static ParsedFile Read(TextReader reader)
    {
        var table = CsvTable.Read(reader);
        var missing = table.Header.MissingRequired(Id, Name);
        if (missing.Length > 0) return ParsedFile.Failed(missing);

        var file = new ParsedFileBuilder(table.Header);
        foreach (var row in table.Rows)
        {
            var id = row.Required(Id);
            var (content, usesContainer) = ReadContent(row);
            file.Add(row, Id, id, content, usesContainer ? ContainerColumns : Columns);
        }
        return file.Build();
    }

    private static (OrganizationContent Content, bool UsesContainer) ReadContent(CsvRow row)
    {
        var structures = EssGlobalTerms.Resolve(row, Structure, EssGlobal.OrganisationalStructure);
        var primary = EssGlobalTerms.ResolveOne(row, PrimaryActivity, EssGlobal.Activity);
        var activities = EssGlobalTerms.Resolve(row, Activities, EssGlobal.Activity);
        var membership = EssGlobalTerms.ResolveOne(row, Membership, EssGlobal.MembershipType);
        var usesContainer = row.Text(Latitude) is null && row.Text(Longitude) is null;
        var name = row.Text(Name);

        var content = new OrganizationContent
        {
            Name = name ?? "",
            AlternateNames = CsvRow.AlternateName(name, row.Text("Organisation Name")),
            Kind = EssGlobalTerms.KindOf(structures),
            Types = EssGlobalTerms.TypesOf([.. structures, membership, primary]),
            Sector = EssGlobalTerms.SectorOf(primary),
            Description = row.Text("Description"),
            Status = CoopsUkReader.StatusOf(row.Text("Registered Status")),
            FoundedOn = row.Date("Incorporation Date"),
            DissolvedOn = row.Date("Dissolved Date"),
            Website = WebsiteOf(row.Text("Website")),
            Email = row.Text("Email"),
            Phone = row.Text("Phone"),
            Locations = LocationOf(row, usesContainer ? ContainerLatitude : Latitude, usesContainer ? ContainerLongitude : Longitude),
            Identifiers = IdentifiersOf(row),
            Classifications = EssGlobalTerms.Classify([.. structures, primary, .. activities, membership])
                .Concat(row.Text("SIC Code") is { } sic ? [new Classification("uk-sic-2007", sic)] : [])
                .Distinct().ToList(),
        };
        return (content, usesContainer);
    }

    private static IReadOnlyList<Location> LocationOf(CsvRow row, string latitudeColumn, string longitudeColumn)
    {
        var location = new Location(
            row.Text("Street Address"), row.Text("Locality"), row.Text("Region"), row.Text("Postcode"),
            CountryOf(row), row.Number(latitudeColumn), row.Number(longitudeColumn));
        return location == new Location() ? [] : [location];
    }

    private static string? CountryOf(CsvRow row)
    {
        var value = row.Text("Country ID");
        foreach (var prefix in new[] { EssGlobal.CountryUri, "http" + EssGlobal.CountryUri["https".Length..] })
        {
            if (value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) value = value[prefix.Length..].TrimEnd('/');
        }
        return row.Country("Country ID", value);
    }

    // With no web address among them, the first value is kept so that the validator says what is wrong with it.
    private static string? WebsiteOf(string? cell)
    {
        var websites = CsvRow.Split(cell, ";").Select(CsvRow.Website).ToList();
        return websites.FirstOrDefault(w => OrganizationValidator.IsWebUrl(w!)) ?? websites.FirstOrDefault();
    }

    private static IReadOnlyList<Identifier> IdentifiersOf(CsvRow row)
    {
        var identifiers = new List<Identifier>();
        if (row.Text("Companies House Number") is { } company) identifiers.Add(new Identifier("GB-COH", company));
        if (row.Text("Twitter") is { } twitter) identifiers.Add(new Identifier("twitter", TwitterHandle(twitter)));
        if (row.Text("Facebook") is { } facebook) identifiers.Add(new Identifier("facebook", facebook));
        return identifiers;
    }

    // The column holds "@handle", "handle" or a profile URL; the handle is what stays stable.
    private static string TwitterHandle(string value)
    {
        var handle = value.Split('?')[0].TrimEnd('/');
        var slash = handle.LastIndexOf('/');
        if (slash >= 0) handle = handle[(slash + 1)..];
        return handle.TrimStart('@');
    }
}
