using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>What the catalogue says about the directory and who to ask about it.</summary>
public sealed record CatalogPublisher(string Name, string ContactEmail, Licence Licence, string BaseUrl);

/// <summary>
/// /data.json: a DCAT-US (Project Open Data v1.1) catalogue. One dataset is the live directory, with a
/// distribution per export format; each release is a dataset of its own with its files.
/// </summary>
public static class DataCatalog
{
    public const string ConformsTo = "https://project-open-data.cio.gov/v1.1/schema";

    public static JsonObject Build(CatalogPublisher publisher, string licenceStatement, DateTimeOffset modified, IEnumerable<ReleaseManifest> releases)
    {
        var b = publisher.BaseUrl;
        var datasets = new JsonArray(Dataset(publisher, $"{b}/api/v1/exports", $"{publisher.Name}: organizations (live)",
            $"Every organization in the directory, and the relationships between them, exported on request, with any search filter. {licenceStatement}",
            modified, ExportFormats.All.Select(f => Distribution(b + f.Url, f.MediaType, f.Title, f.Description, f.ConformsTo))));
        datasets.Add(Dataset(publisher, $"{b}/problems", $"{publisher.Name}: problems and bounties (live)",
            $"Problems municipalities and digital service teams posted for co-ops and civic tech groups to solve, with their responses. {licenceStatement}",
            modified, CivicProblems.ProblemFiles.All.Select(f => Distribution(b + f.Url, f.MediaType, f.Title, f.Description, null))
                .Append(Distribution($"{b}/problems.atom", "application/atom+xml", "Open problems as Atom", "Open problems, newest first; takes the list's filters.", null))));
        foreach (var release in releases)
        {
            var c = release.Changes;
            var changes = c.Previous is null
                ? "The first release."
                : $"Since release {c.Previous}: {c.AddedCount} added, {c.ChangedCount} changed, {c.RemovedCount} removed.";
            var files = release.Files.Select(f => Distribution($"{b}/releases/{release.Name}/{f.Name}", f.MediaType,
                    ExportFormats.ByKey(f.Format)?.Title ?? f.Format, $"SHA-256 {f.Sha256}", ExportFormats.ByKey(f.Format)?.ConformsTo))
                .Append(Distribution($"{b}/releases/{release.Name}/{ReleaseManifest.FileName}", "application/json", "Manifest",
                    "Files, checksums and changes since the previous release", null));
            datasets.Add(Dataset(publisher, $"{b}/releases/{release.Name}", $"{publisher.Name}: release {release.Name}",
                $"A dated, immutable full dump of {release.Organizations} organizations. {changes} {licenceStatement}", release.CreatedAt, files));
        }
        return new JsonObject
        {
            ["@context"] = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
            ["@id"] = $"{b}/data.json",
            ["@type"] = "dcat:Catalog",
            ["conformsTo"] = ConformsTo,
            ["describedBy"] = "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
            ["dataset"] = datasets,
        };
    }

    private static JsonObject Dataset(CatalogPublisher publisher, string identifier, string title, string description,
        DateTimeOffset modified, IEnumerable<JsonObject> distributions) => new()
    {
        ["@type"] = "dcat:Dataset",
        ["identifier"] = identifier,
        ["title"] = title,
        ["description"] = description,
        ["keyword"] = new JsonArray("cooperatives", "co-ops", "social and solidarity economy", "networks", "open data"),
        ["modified"] = modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["publisher"] = new JsonObject { ["@type"] = "org:Organization", ["name"] = publisher.Name },
        ["contactPoint"] = new JsonObject { ["@type"] = "vcard:Contact", ["fn"] = publisher.Name, ["hasEmail"] = $"mailto:{publisher.ContactEmail}" },
        // DCAT-US requires these codes of US federal agencies; 000 is the placeholder non-federal publishers use.
        ["bureauCode"] = new JsonArray("000:00"),
        ["programCode"] = new JsonArray("000:000"),
        ["accessLevel"] = "public",
        ["license"] = publisher.Licence.Url,
        ["landingPage"] = $"{publisher.BaseUrl}/downloads",
        ["distribution"] = new JsonArray(distributions.Select(d => (JsonNode?)d).ToArray()),
    };

    private static JsonObject Distribution(string url, string mediaType, string title, string description, string? conformsTo)
    {
        var distribution = new JsonObject
        {
            ["@type"] = "dcat:Distribution",
            ["downloadURL"] = url,
            ["mediaType"] = mediaType,
            ["format"] = title,
            ["title"] = title,
            ["description"] = description,
        };
        if (conformsTo is not null) distribution["conformsTo"] = conformsTo;
        return distribution;
    }
}
