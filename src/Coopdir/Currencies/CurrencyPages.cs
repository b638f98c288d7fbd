using Coopdir.Core.Data;
using Coopdir.Search;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Currencies;

/// <summary>The list of community currencies and each one's "where to spend it" page: the same queries as the API.</summary>
public static class CurrencyPages
{
    internal static async Task<IResult> List([AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var links = new SearchLinks(http.Query, "/currencies");
        var (query, errors) = CurrenciesEndpoints.CurrenciesQuery(request);
        if (query is null)
            return new RazorComponentResult<CurrenciesPage>(new { Links = links, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        var (result, currencies) = await CurrenciesEndpoints.ListAsync(store, query);
        return new RazorComponentResult<CurrenciesPage>(new { Links = links, Result = result, Currencies = currencies });
    }

    internal static async Task<IResult> Show(long id, [AsParameters] SearchRequest request, HttpRequest http, Store store)
    {
        var (currency, query, errors) = await CurrenciesEndpoints.AcceptedByQueryAsync(id, request, store);
        if (currency is null) return NotFoundPages.Show(CurrenciesEndpoints.NotACurrencyMessage(id));
        var links = new SearchLinks(http.Query, $"/currencies/{id}");
        if (query is null)
            return new RazorComponentResult<CurrencyPage>(new { Currency = currency, Links = links, Errors = errors })
                { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<CurrencyPage>(new { Currency = currency, Links = links, Result = await store.Search.RunAsync(connection, query) });
    }
}
