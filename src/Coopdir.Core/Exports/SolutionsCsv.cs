using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;

namespace Coopdir.Core.Exports;

/// <summary>
/// solutions.csv: one row per shared solution among the exported organizations, with the catalogue's facets
/// joined into "a | b" lists, its maintainers, funders and users by id and its reuse count. A download of its
/// own and the table of the solutions Data Package.
/// </summary>
public static class SolutionsCsv
{
    private const int Batch = 500;

    public static readonly TableResource Table = new("solutions", "solutions.csv",
        "One row per shared solution (an organization record of kind solution; its id is the record's). Lists are separated by \" | \".",
        [
            new("id", "integer", "Stable Coopdir id of the solution's record, never reused", Required: true, Unique: true),
            new("name", "string", "Name", Required: true),
            new("short_description", "string", "Short description (English where there is one)"),
            new("description", "string", "Long description"),
            new("website", "string", "Landing page", Format: "uri"),
            new("licence", "string", "Licence as an SPDX expression"),
            new("licence_ids", "string", "Each SPDX licence id the expression names"),
            new("types", "string", "solution-type codes: software, standard, data, content, ai-model"),
            new("development_status", "string", "development-status code"),
            new("categories", "string", "solution-category codes"),
            new("languages", "string", "Languages it is available in (BCP 47)"),
            new("sdgs", "string", "Sustainable Development Goals it serves (1 to 17)"),
            new("countries_of_use", "string", "ISO 3166-1 alpha-2 codes: countries it is meant for and where the organizations using it are"),
            new("maintainer_kinds", "string", "Kinds of the organizations maintaining it now: cooperative, digital-service, civic-tech, other"),
            new("maintainer_ids", "string", "Ids of the organizations maintaining it now (maintains_software)"),
            new("funder_ids", "string", "Ids of the organizations funding it now (funded_by)"),
            new("user_ids", "string", "Ids of the organizations using it now (uses_software)"),
            new("reuse_count", "integer", "How many organizations use it now", Required: true),
            new("repositories", "string", "Code repository URLs"),
            new("platforms", "string", "Where it runs"),
            new("version", "string", "Latest release's version"),
            new("release_date", "date", "Latest release's date"),
            new("url", "string", "Its page in the directory", Format: "uri", Required: true),
            new("licence_of_record", "string", "SPDX id of the licence covering this row (the record's, not the software's)", Required: true),
        ],
        PrimaryKey: "id");

    public static long Write(ExportContext context, Stream output) => Write(context, output, null);

    /// <param name="rowsBySource">Counts the rows per source name ("" for records entered here), for a package's sources.</param>
    internal static long Write(ExportContext context, Stream output, Dictionary<string, long>? rowsBySource) =>
        CsvExport.WriteTable(output, Table.Header, Batches(context).SelectMany(batch => Rows(batch, context, rowsBySource)));

    /// <summary>
    /// The exported solutions, a batch at a time, whole. Which records are solutions is read first from the narrow
    /// rows (id, name and kind), so a full dump reads whole only the solutions, not every organization.
    /// </summary>
    public static IEnumerable<IReadOnlyList<Organization>> Batches(ExportContext context)
    {
        var ids = context.Read(OrganizationParts.None).Where(o => o.Content.Kind == SolutionRules.Kind).Select(o => o.Id).ToList();
        foreach (var chunk in ids.Chunk(Batch)) yield return context.Load(chunk, OrganizationParts.All).ToList();
    }

    private static IEnumerable<string?[]> Rows(IReadOnlyList<Organization> batch, ExportContext context, Dictionary<string, long>? rowsBySource)
    {
        // The maintainers' kinds and the users' countries: read for the batch, not held for the whole export.
        var related = SolutionCatalogue.Related(batch);
        var others = related.Count == 0 ? [] : context.Load(related, OrganizationParts.Locations).ToDictionary(o => o.Id);
        foreach (var s in batch)
        {
            if (rowsBySource is not null) rowsBySource[s.Source?.Name ?? ""] = rowsBySource.GetValueOrDefault(s.Source?.Name ?? "") + 1;
            yield return Row(s, SolutionCatalogue.EntryOf(s, others), context);
        }
    }

    private static string?[] Row(Organization s, CatalogueEntry e, ExportContext context)
    {
        var c = s.Content;
        string? Facet(string parameter) => Joined(e.Values.GetValueOrDefault(parameter) ?? []);
        return
        [
            DataPackageExport.Text(s.Id), c.Name, e.ShortDescription, c.Description, c.Website, c.Solution?.Licence, Facet(CatalogueFacets.Licence),
            Facet(CatalogueFacets.Type), e.Status, Facet(CatalogueFacets.Category), Facet(CatalogueFacets.Language), Facet(CatalogueFacets.Sdg),
            Facet(CatalogueFacets.Country), Facet(CatalogueFacets.Maintainer),
            Ids(SolutionCatalogue.Maintainers(s)), Ids(SolutionLinks.Of(s, SolutionLinks.Types[1]).Where(r => r.IsCurrent).Select(r => r.ObjectId)),
            Ids(e.Users), DataPackageExport.Text(e.ReuseCount), Joined(SolutionRules.RepositoriesOf(c)), Joined(c.Solution?.Platforms ?? []),
            c.Solution?.Version, c.Solution?.ReleaseDate, context.OrganizationUrl(s.Id), context.LicenceOf(s).Id,
        ];
    }

    private static string? Ids(IEnumerable<long> ids) => Joined(ids.Distinct().Order().Select(DataPackageExport.Text).ToList());

    private static string? Joined(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join(" | ", values);
}
