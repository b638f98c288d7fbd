using Coopdir.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Search;

public static class SearchPages
{
    // The page runs the same parse and query as GET /api/v1/organizations.
    internal static async Task<RazorComponentResult<SearchPage>> Show([AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var links = new SearchLinks(http.Query);
        var (query, errors) = request.Parse();
        if (query is null)
            return new RazorComponentResult<SearchPage>(new { Links = links, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<SearchPage>(new { Links = links, Result = await store.Search.RunAsync(connection, query) });
    }
}
