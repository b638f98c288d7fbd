using Coopdir.Core.Data;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Search;

public static class SearchPages
{
    // The page runs the same parse and query as GET /api/v1/organizations.
    internal static async Task<Results<RedirectHttpResult, RazorComponentResult<SearchPage>>> Show([AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var links = new SearchLinks(http.Query);
        if (FormWithoutPlace(request))
            return TypedResults.Redirect(links.WithoutPlace);
        if (await SearchReading.ReadAsync(request, http.Query, store) is { } read) return TypedResults.Redirect(read);
        var (query, errors, place, _) = await request.ParseAsync(store);
        if (query is null)
            return new RazorComponentResult<SearchPage>(new { Links = links, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        var result = await store.Search.RunAsync(connection, query);
        return new RazorComponentResult<SearchPage>(new
        {
            Links = links, Query = query, Result = result, AreaNames = await AreaNamesAsync(store, connection, query),
            Within = SearchPlaces.WithinPhrase(query, place), // a place without located records is a locality filter, named as one
            Advice = result.Total == 0 ? await SearchAdvice.ForAsync(store, query, links) : [],
            AsTypedUrl = links.Get(SearchReading.ReadParameter) is { Length: > 0 } typed ? await SearchReading.AsTypedUrlAsync(http.Query, typed) : null,
        });
    }

    // The heading and the chips name areas as the places pages do, not by their ids.
    private static async Task<IReadOnlyDictionary<string, string>> AreaNamesAsync(Store store, System.Data.Common.DbConnection connection, SearchQuery query)
    {
        if (query.Areas.Count == 0) return new Dictionary<string, string>();
        var gazetteer = await store.Areas.CurrentAsync(connection);
        return query.Areas.Select(gazetteer.Find).OfType<Core.Areas.Area>().ToDictionary(a => a.Id, a => a.Name);
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
