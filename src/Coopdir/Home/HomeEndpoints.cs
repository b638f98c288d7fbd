using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Home;

/// <summary>The home page.</summary>
public static class HomeEndpoints
{
    public static void MapHome(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", Show);
    }

    // The counts are the facets of the empty search: the same read path as GET /api/v1/organizations.
    private static async Task<RazorComponentResult<HomePage>> Show(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var overview = await store.Search.RunAsync(connection, new SearchQuery { PageSize = 1 });
        var sources = (await SourceRegistry.AllAsync(connection)).Where(s => s.RetiredAt is null).ToList();
        return new RazorComponentResult<HomePage>(new { Overview = overview, Sources = sources });
    }
}
