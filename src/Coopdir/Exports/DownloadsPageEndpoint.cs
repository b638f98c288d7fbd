using Coopdir.Core.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Exports;

public static class DownloadsPageEndpoint
{
    public static RazorComponentResult<DownloadsPage> Render(IOptions<DirectoryOptions> options) =>
        new(new { Releases = ReleaseManifest.All(options.Value.ReleasesPath) });
}
