using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Coopdir.Exports;

/// <summary>
/// Bulk downloads of everything or of any search, in every export format, without an account; the
/// DCAT catalogue, release files and the /downloads page that lists them. Each export
/// response streams straight from the store to the client, carries a dated file name and an ETag and
/// Last-Modified derived from the newest revision plus the format and filters, and is gzipped on request.
/// </summary>
public static class ExportsEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Exports");
        foreach (var format in ExportFormats.All)
        {
            api.MapGet(format.Url,
                    ([AsParameters] SearchRequest request, HttpContext http, Store store, IOptions<DirectoryOptions> directory, TimeProvider clock) =>
                        Download(format, request, http, store, directory.Value, clock))
                .WithName("Export" + string.Concat(format.Key.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))
                .WithSummary($"Export {format.Subject} as {format.Title}")
                .WithDescription($"{format.Description} Takes the same filters as GET /api/v1/organizations, which select the organizations " +
                    "(and, for relationships, those whose subject they are); sort and paging are ignored: exports are in id order.");
        }
        api.MapGet("/data.json", Catalogue)
            .WithName("DataCatalogue")
            .WithSummary("DCAT-US (Project Open Data v1.1) catalogue of every download and release");
        api.MapGet("/releases/{name}/{file}", ReleaseFile).ExcludeFromDescription();

        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/downloads", ExportPages.Downloads);
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Download(ExportFormat format,
        SearchRequest request, HttpContext http, Store store, DirectoryOptions directory, TimeProvider clock)
    {
        var (query, errors) = await (request with { Sort = null, Page = null, PageSize = null, Kind = format.Kind is { } kind ? [kind] : request.Kind }).ParseAsync(store);
        if (query is null) return Problems.InvalidParameters(errors);

        DataVersion version;
        await using (var connection = await store.OpenForReadingAsync()) version = await DataVersion.CurrentAsync(connection);
        var filters = string.Join("&", http.Request.Query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
        var now = clock.GetUtcNow();
        return TypedResults.Stream(async body =>
            {
                // No connection is held while the stream goes: the batches take one each as they go.
                var context = await Export.OfAsync(store, store.OpenForReadingAsync, query, directory.Name, Licences.Find(directory.DataLicence)!, BaseUrl(http.Request), now);
                await ExportPipe.WriteAsync(body, output => format.Write(context, output), http.RequestAborted);
            },
            format.MediaType.StartsWith("text/", StringComparison.Ordinal) ? $"{format.MediaType}; charset=utf-8" : format.MediaType,
            ExportFormats.FileName(format, now),
            version.ChangedAt,
            new EntityTagHeaderValue($"\"{version.Tag(format.Key, filters)}\"", isWeak: true));
    }

    private static async Task<Ok<System.Text.Json.Nodes.JsonObject>> Catalogue(HttpRequest request, Store store, IOptions<DirectoryOptions> options, TimeProvider clock)
    {
        var directory = options.Value;
        await using var connection = await store.OpenForReadingAsync();
        var context = await Export.DescriptionAsync(connection, directory.Name, Licences.Find(directory.DataLicence)!, BaseUrl(request), clock.GetUtcNow());
        var publisher = new CatalogPublisher(directory.Name, directory.ContactEmail, context.DirectoryLicence, context.BaseUrl);
        return TypedResults.Ok(DataCatalog.Build(publisher, context.LicenceStatement,
            (await DataVersion.CurrentAsync(connection)).ChangedAt ?? context.GeneratedAt, ReleaseManifest.All(directory.ReleasesPath)));
    }

    /// <summary>A file of a release, only if a manifest lists it (so nothing else in the folder is reachable).</summary>
    private static Results<PhysicalFileHttpResult, ProblemHttpResult> ReleaseFile(string name, string file, IOptions<DirectoryOptions> options)
    {
        var release = ReleaseManifest.All(options.Value.ReleasesPath).FirstOrDefault(r => r.Name == name);
        var listed = release?.Files.FirstOrDefault(f => f.Name == file);
        var folder = Path.GetFullPath(Path.Combine(options.Value.ReleasesPath, name));
        if (release is null) return Problems.NotFound($"There is no release '{name}'.");
        if (listed is not null)
            return TypedResults.PhysicalFile(Path.Combine(folder, listed.Name), listed.MediaType, listed.Name,
                release.CreatedAt, new EntityTagHeaderValue($"\"{listed.Sha256}\""), enableRangeProcessing: true);
        if (file is ReleaseManifest.FileName or ReleaseManifest.ChecksumsFileName)
            return TypedResults.PhysicalFile(Path.Combine(folder, file), file == ReleaseManifest.FileName ? "application/json" : "text/plain; charset=utf-8");
        return Problems.NotFound($"Release '{name}' has no file '{file}'.");
    }

    public static string BaseUrl(HttpRequest request) => Shared.PublicUrl.Of(request);
}
