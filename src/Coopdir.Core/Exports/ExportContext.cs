using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// What every export format is given: the matching organizations' ids and a way to read organizations
/// (each call is a fresh pass, so formats with several tables read the store once per table instead of
/// holding anything, and read only the parts that table needs), the sources, and the directory's own
/// name, licence and address.
/// </summary>
/// <param name="Ids">The matching organizations' ids, in ascending order.</param>
/// <param name="Load">A new streaming pass over the organizations with these ids (ascending), with the parts asked for.</param>
/// <param name="Sources">Every source dataset in the directory, with its licence.</param>
/// <param name="BaseUrl">The site's address without a trailing slash, for links and JSON-LD ids.</param>
/// <param name="GeneratedAt">When the export was asked for: for file names, HTTP headers and a release's manifest, never inside a file.</param>
/// <param name="DataChangedAt">
/// When the data last changed (its newest revision): the one time written inside files (a package's "created",
/// zip entries' times), so the same data gives the same bytes however often it is exported.
/// </param>
public sealed record ExportContext(
    long[] Ids,
    Func<IReadOnlyList<long>, OrganizationParts, IEnumerable<Organization>> Load,
    IReadOnlyList<SourceInfo> Sources,
    string DirectoryName,
    Licence DirectoryLicence,
    string BaseUrl,
    DateTimeOffset GeneratedAt,
    DateTimeOffset DataChangedAt,
    Areas.AreaGazetteer? Areas = null)
{
    /// <summary>The time inside files of an empty directory: the earliest a zip entry can carry.</summary>
    public static readonly DateTimeOffset NoData = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The area a location resolves to (see <see cref="Areas.AreaGazetteer.Resolve"/>), if the directory has areas.</summary>
    public Areas.Area? AreaOf(Location l) => Areas?.Resolve(l.Country, l.Region, l.Locality).Area;

    public string AreaUrl(string id) => $"{BaseUrl}/areas/{id}";

    /// <summary>A new streaming pass over the matching organizations, in id order, with the parts asked for.</summary>
    public IEnumerable<Organization> Read(OrganizationParts parts) => Load(Ids, parts);

    /// <summary>A new streaming pass over the matching organizations, whole.</summary>
    public IEnumerable<Organization> Organizations() => Read(OrganizationParts.All);

    /// <summary>Whether an organization is among the matches (a relationship's object may not be).</summary>
    public bool Includes(long id) => Array.BinarySearch(Ids, id) >= 0;

    public string OrganizationUrl(long id) => $"{BaseUrl}/organizations/{id}";

    public string RelationshipUrl(long id) => $"{BaseUrl}/relationships/{id}";

    /// <summary>A term of one of Coopdir's vocabularies, as /vocabularies publishes it.</summary>
    public string ConceptUrl(string vocabulary, string code) => $"{BaseUrl}/vocabularies/{vocabulary}#{Uri.EscapeDataString(code)}";

    /// <summary>The licence covering one record: its source's, or the directory's own for records entered here.</summary>
    public Licence LicenceOf(Organization o) => o.Source?.LicenceInfo ?? DirectoryLicence;

    /// <summary>Every licence that can cover a row: the directory's own first, then each source's.</summary>
    public IReadOnlyList<Licence> Licences =>
        new[] { DirectoryLicence }.Concat(Sources.Select(s => s.LicenceInfo)).DistinctBy(l => l.Id).ToList();

    /// <summary>One sentence saying which licence covers which rows, for file headers and catalogue entries.</summary>
    public string LicenceStatement =>
        $"Records entered in {DirectoryName} are under {DirectoryLicence.Name} ({DirectoryLicence.Id}). " +
        "Imported records keep their source's licence, named on each record: " +
        (Sources.Count == 0 ? "there are none." : string.Join("; ", Sources.Select(s =>
            $"{s.Name}: {s.LicenceInfo.Name} ({s.LicenceInfo.Id}){(s.Attribution is null ? "" : $", \"{s.Attribution}\"")}")) + ".");
}

/// <summary>Builds export contexts over a store.</summary>
public static class Export
{
    /// <summary>
    /// An export of the organizations matching <paramref name="query"/>: the matches and sources are read
    /// once, by the search's filter, on a connection from <paramref name="open"/> given back at once; each
    /// pass then reads their records a batch at a time, each batch on a connection of its own
    /// (<see cref="OrganizationStream"/>). The site opens connections that a replica may serve, the CLI the primary.
    /// </summary>
    public static async Task<ExportContext> OfAsync(Data.Store store, Func<Task<System.Data.Common.DbConnection>> open, Search.SearchQuery query,
        string directoryName, Licence directoryLicence, string baseUrl, DateTimeOffset now)
    {
        long[] ids;
        IReadOnlyList<SourceInfo> sources;
        Areas.AreaGazetteer areas;
        DataVersion version;
        await using (var connection = await open())
        {
            version = await DataVersion.CurrentAsync(connection);
            ids = await store.Search.MatchingIdsAsync(connection, query);
            sources = await SourceRegistry.AllAsync(connection);
            areas = await store.Areas.CurrentAsync(connection);
        }
        return new(ids, (some, parts) => OrganizationStream.Of(open, some, parts), sources, directoryName, directoryLicence, baseUrl.TrimEnd('/'), now, version.ChangedAt ?? ExportContext.NoData, areas);
    }

    /// <summary>What describes the directory's data (its sources and licences) without any records: for catalogues.</summary>
    public static async Task<ExportContext> DescriptionAsync(System.Data.Common.DbConnection connection,
        string directoryName, Licence directoryLicence, string baseUrl, DateTimeOffset now) =>
        new([], (_, _) => [], await SourceRegistry.AllAsync(connection), directoryName, directoryLicence, baseUrl.TrimEnd('/'), now,
            (await DataVersion.CurrentAsync(connection)).ChangedAt ?? ExportContext.NoData);
}
