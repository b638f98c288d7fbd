using Coopdir.Core.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Exports;

public static class ExportPages
{
    internal static RazorComponentResult<DownloadsPage> Downloads(IOptions<DirectoryOptions> options) =>
        new(new { Releases = ReleaseManifest.All(options.Value.ReleasesPath) });
}
