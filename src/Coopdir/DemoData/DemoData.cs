using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir;

/// <summary>
/// On first start an empty directory is filled with real data: the Co-operatives UK organizations in
/// the Solidarity Economy Association's standard CSV (ODC-By 1.0), imported through the normal import path.
/// </summary>
public static class DemoData
{
    public const string FileName = "sea_standard_coops-uk_Q2-2023.csv";
    public const string SourceName = "Co-operatives UK open data (SEA standard CSV, Q2 2023)";
    public const string Attribution = "Contains Co-operatives UK open data";

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "DemoData", FileName);

    public static async Task LoadIfEmptyAsync(Store store, TimeProvider clock, ILogger logger)
    {
        await using (var connection = await store.OpenAsync())
        {
            if (await OrganizationQueries.CountAsync(connection) > 0) return;
        }
        logger.LogInformation("Empty directory: loading the demo data from {File}", FilePath);
        using var reader = new StreamReader(FilePath);
        var report = await new Importer(store, clock).RunAsync(EssglobalCsvReader.Read(reader), new ImportOptions(
            SourceName, "ODC-By-1.0", Attribution, "https://www.uk.coop/", SkipInvalid: true, Author: "demo-data"));
        logger.LogInformation("Demo data: {Added} organizations added, {Rejected} rows rejected", report.Added, report.Rejected);
    }
}
