using Coopdir.Core.Exports;

namespace Coopdir.Exports;

/// <summary>
/// Gzip for bulk data only: the text exports, the catalogue and release files. They hold no secrets, so
/// compressing them over HTTPS leaks nothing (BREACH); pages and the rest of the API are left alone.
/// </summary>
public static class ExportCompression
{
    /// <summary>Media types worth gzipping: the text exports and the catalogue (not the zips).</summary>
    public static IEnumerable<string> CompressibleMediaTypes { get; } =
        ExportFormats.All.Where(f => f.Compressible).Select(f => f.MediaType).Append("application/json").Distinct().ToList();

    public static IServiceCollection AddExportCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = CompressibleMediaTypes;
        });

    public static void UseExportCompression(this WebApplication app) =>
        app.UseWhen(c => IsBulkData(c.Request.Path), branch => branch.UseResponseCompression());

    public static bool IsBulkData(PathString path) =>
        path.StartsWithSegments("/api/v1/exports") || path.StartsWithSegments("/releases") || path == "/data.json";
}
