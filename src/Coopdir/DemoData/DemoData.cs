using Coopdir.Core.Areas;
using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions.PublicCode;
using Coopdir.Core.Sources;

namespace Coopdir;

/// <summary>
/// On first start an empty directory is filled with real data, merged from its sources through the
/// normal import path. The co-ops first, newest first: Co-operatives UK's organisations in the Solidarity
/// Economy Association's standard CSV (2023-Q2), Co-operatives UK's own 2017-06 extract (which adds dissolved
/// co-ops, registered numbers and former names), and the SUSY map of European solidarity-economy initiatives.
/// Then the civic tech layer: Code for America's brigade-information (civic tech groups and the networks
/// they belong to) and GitHub's lists of government and civic hacker accounts, which merge with the
/// brigades by their GitHub accounts. Then shared solutions: the Digital Public Goods Alliance's registry.
/// </summary>
public static class DemoData
{
    /// <summary>One demo file (or folder, under DemoData) and the source it is imported as; <see cref="Read"/> is given its full path.</summary>
    public sealed record DemoSource(string FileName, Func<string, ParsedFile> Read, ImportOptions Options);

    public const string SourceName = "Co-operatives UK open data (SEA standard CSV, Q2 2023)";
    private const string CoopsUkAttribution = "Contains Co-operatives UK open data";

    public static readonly IReadOnlyList<DemoSource> Sources =
    [
        new("sea_standard_coops-uk_Q2-2023.csv", Opened(s => EssglobalCsvReader.Read(new StreamReader(s))), new ImportOptions(
            SourceName, "ODC-By-1.0", CoopsUkAttribution, "https://github.com/DigitalCommons/open-data", SkipInvalid: true, Author: "demo-data",
            Publisher: "Co-operatives UK, transformed by the Solidarity Economy Association", Vintage: "2023-06-30", IdScheme: "coops-uk")),
        new("cuk_open_data_organisations_2017-06.csv", Opened(s => CoopsUkReader.Read(new StreamReader(s))), new ImportOptions(
            "Co-operatives UK open data (organisations, June 2017)", "ODC-By-1.0", CoopsUkAttribution, "https://www.uk.coop/",
            SkipInvalid: true, Author: "demo-data", Publisher: "Co-operatives UK", Vintage: "2017-06-30", IdScheme: "coops-uk")),
        new("susy_transformap_SSEDAS_PARTNER.geojson.json", Opened(s => GeoJsonReader.Read(s, SusyMapping())), new ImportOptions(
            "SUSY map of solidarity economy initiatives (TransforMap)", "LicenseRef-PublicDomain", null,
            "https://data.transformap.co/place/SSEDAS_PARTNER", SkipInvalid: true, Author: "demo-data",
            Publisher: "SUSY project (SSEDAS partners), via TransforMap", Vintage: "2018-02-27", IdScheme: "transformap")),
        new("brigade-information-organizations.json", Opened(BrigadeInformationReader.Read),
            CivicTechSources.BrigadeInformation with { SkipInvalid = true, Author = "demo-data", Vintage = "2023-02-21" }),
        new("governments.yml", Opened(s => GovernmentGithubReader.Read(s, GithubList.Governments)),
            CivicTechSources.GovernmentGithub(GithubList.Governments) with { SkipInvalid = true, Author = "demo-data", Vintage = "2024-03-02" }),
        new("civic_hackers.yml", Opened(s => GovernmentGithubReader.Read(s, GithubList.CivicHackers)),
            CivicTechSources.GovernmentGithub(GithubList.CivicHackers) with { SkipInvalid = true, Author = "demo-data", Vintage = "2024-03-02" }),
        // The registry's nominees/ and digitalpublicgoods/ were last changed on 2023-01-13.
        new("dpg-registry", path => DpgRegistryReader.Read(path).Parsed,
            DpgRegistryReader.Source with { SkipInvalid = true, Author = "demo-data", Vintage = "2023-01-13" }),
        // The standard's two examples (docs/standard/example, last changed 2026-06-24) and code.gouv.fr's catalogue
        // files (as of 2024-09-04, before the repository was emptied).
        new("publiccode/standard", path => PublicCodeBatch.ReadPath(path, PublicCodeDialect.Standard).Parsed, new ImportOptions(
            "publiccode.yml standard examples", "CC0-1.0", null, "https://github.com/publiccodeyml/publiccode.yml",
            SkipInvalid: true, Author: "demo-data", Publisher: "publiccode.yml standard maintainers", Vintage: "2026-06-24")),
        new("publiccode/codegouvfr", path => PublicCodeBatch.ReadPath(path, PublicCodeDialect.CodeGouvFr).Parsed, new ImportOptions(
            "code.gouv.fr catalogue (publiccode.yml)", "etalab-2.0", "Source: code.gouv.fr (DINUM)", "https://code.gouv.fr/",
            SkipInvalid: true, Author: "demo-data", Publisher: "DINUM (code.gouv.fr)", Vintage: "2024-09-04")),
    ];

    private static Func<string, ParsedFile> Opened(Func<Stream, ParsedFile> read) => path =>
    {
        using var file = File.OpenRead(path);
        return read(file);
    };

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "DemoData", fileName);

    public static async Task LoadIfEmptyAsync(Store store, TimeProvider clock, ILogger logger)
    {
        await using (var connection = await store.OpenAsync())
        {
            if (await OrganizationQueries.CountAsync(connection) > 0) return;
        }
        foreach (var source in Sources)
        {
            logger.LogInformation("Empty directory: loading the demo data from {File}", source.FileName);
            var report = await new Importer(store, clock).RunAsync(source.Read(PathOf(source.FileName)), source.Options);
            logger.LogInformation("Demo data, {Source}: {Added} added, {Merged} merged into records other sources list, {Queued} queued as possible duplicates, {Rejected} rows rejected",
                source.Options.SourceName, report.Added, report.Merged, report.Queued, report.Rejected);
        }
        await PreferTheBrigadeListAsync(store, clock);
    }

    /// <summary>
    /// GitHub's lists name each account only by its login ("caciviclab"), place it only in a country and type it by its group, and
    /// they are the newest source: a group both they and the brigade list give keeps the brigade list's name
    /// ("California Civic Lab"), city and kind (18F is a digital service, not "U.S. Federal" at large).
    /// </summary>
    public static async Task PreferTheBrigadeListAsync(Store store, TimeProvider clock)
    {
        foreach (var field in new[] { "name", "kind", "locations" })
            await new PrecedenceChange(store, clock).SetAsync(field, [CivicTechSources.BrigadeInformation.SourceName], "demo-data");
    }

    /// <summary>
    /// The places locations resolve to: the Open Civic Data division lists (US states, census places and
    /// local government districts; GB, DE, FR and ES), and the UK's cities, which OCD does not list (it has
    /// only the UK's constituencies), named the way OCD names places.
    /// </summary>
    public static async Task LoadAreasIfEmptyAsync(Store store, TimeProvider clock, ILogger logger)
    {
        await using (var connection = await store.OpenAsync())
        {
            if (await AreaRows.AnyAsync(connection)) return;
        }
        foreach (var list in new[] { OcdFiles.ReadFolder(PathOf(Path.Combine("areas", "ocd-division-ids"))), UkCities() })
        {
            var report = await AreaRows.LoadAsync(store, list, clock.GetUtcNow());
            logger.LogInformation("Areas from {Source}: {Added} added, {Aliases} other ids", list.Areas.FirstOrDefault()?.Source, report.Added, report.Aliases);
        }
    }

    public const string UkCitiesSource = "Coopdir: cities of the United Kingdom (Open Civic Data lists only constituencies)";

    private static AreaList UkCities() =>
        OcdFiles.Read([("uk-cities.csv", () => new StreamReader(PathOf(Path.Combine("areas", "uk-cities.csv"))))], UkCitiesSource);

    private static ColumnMapping SusyMapping() =>
        ColumnMapping.Parse(File.ReadAllText(PathOf("susy-mapping.json"))).Mapping
        ?? throw new InvalidOperationException("The vendored SUSY mapping is invalid.");
}
