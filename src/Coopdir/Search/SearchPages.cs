using Coopdir.Core.Data;
using Coopdir.Core.Search;
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
        var result = await store.Search.RunAsync(connection, query);
        return new RazorComponentResult<SearchPage>(new { Links = links, Query = query, Result = result, AreaNames = await AreaNamesAsync(store, connection, query) });
    }

    // The heading and the chips name areas as the places pages do, not by their ids.
    private static async Task<IReadOnlyDictionary<string, string>> AreaNamesAsync(Store store, System.Data.Common.DbConnection connection, SearchQuery query)
    {
        if (query.Areas.Count == 0) return new Dictionary<string, string>();
        var gazetteer = await store.Areas.CurrentAsync(connection);
        return query.Areas.Select(gazetteer.Find).OfType<Core.Areas.Area>().ToDictionary(a => a.Id, a => a.Name);
    }
}
