using Coopdir.Core.Data;
using Coopdir.Search;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Relationships;

/// <summary>A network's page of members: the same search among its members as the API, and its members year by year.</summary>
public static class NetworkPages
{
    internal static async Task<IResult> Show(long id, [AsParameters] SearchRequest request, HttpRequest http, Store store, TimeProvider clock)
    {
        var (network, query, errors) = await NetworksEndpoints.MembersQueryAsync(id, request, store, clock);
        if (network is null) return NotFoundPages.Organization(id);
        var links = new SearchLinks(http.Query, $"/organizations/{id}/members");
        var (history, current) = (NetworksEndpoints.HistoryOf(network, clock), NetworksEndpoints.CurrentMembers(network, clock).Count);
        if (query is null)
            return new RazorComponentResult<NetworkPage>(new { Network = network, Links = links, History = history, Current = current, Errors = errors })
                { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<NetworkPage>(new
        {
            Network = network, Links = links, History = history, Current = current, Result = await store.Search.RunAsync(connection, query),
        });
    }
}
