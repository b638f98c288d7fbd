using Coopdir.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Search;

public static class SearchPages
{
    // The page runs the same parse and query as GET /api/v1/organizations.
    internal static async Task<Results<RedirectHttpResult, RazorComponentResult<SearchPage>>> Show([AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var links = new SearchLinks(http.Query);
        if (FormWithoutPlace(request))
            return TypedResults.Redirect(links.Without("place", "radius_km", SearchPlaces.IsDistance(request.Sort) ? "sort" : "place"));
        var (query, errors, place, unlocated) = await request.ParseAsync(store);
        if (query is null)
            return new RazorComponentResult<SearchPage>(new { Links = links, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<SearchPage>(new
        {
            Links = links, Result = await store.Search.RunAsync(connection, query), Query = query, Within = SearchPlaces.WithinPhrase(query, place, unlocated),
        });
    }

    /// <summary>/embed: the same search as a bare map and list that other sites may frame (<see cref="Safety.SecurityHeaders"/>).</summary>
    internal static async Task<RazorComponentResult<EmbedPage>> Embed([AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var links = new SearchLinks(http.Query, "/embed");
        var (query, errors) = await request.ParseAsync(store);
        if (query is null)
            return new RazorComponentResult<EmbedPage>(new { Links = links, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<EmbedPage>(new { Links = links, Result = await store.Search.RunAsync(connection, query), Query = query });
    }

    // The place form always sends its radius and order; sent with no place written and no location, it asks for neither.
    private static bool FormWithoutPlace(SearchRequest request) =>
        request.Place is not null && string.IsNullOrWhiteSpace(request.Place) && string.IsNullOrWhiteSpace(request.Near)
        && (request.RadiusKm is not null || SearchPlaces.IsDistance(request.Sort));
}
