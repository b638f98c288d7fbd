using System.Text.Json.Nodes;
using Coopdir.Core.Currencies;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Currencies;

/// <summary>
/// Community currencies: the list, each one with its facets and issuers, and where it can be spent (the
/// organizations that accept it, confirmed by both sides) as a search, map points and GeoJSON; over the
/// API and on the pages /currencies and /currencies/{id} (<see cref="CurrencyPages"/>).
/// </summary>
public static class CurrenciesEndpoints
{
    public const string GeoJsonType = "application/geo+json";

    public static void MapCurrencies(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/currencies").WithTags("Currencies");
        api.MapGet("", List).WithSummary("Community currencies, with the search's filters and paging (kind is always currency)");
        api.MapGet("/{id:long}", Get).WithSummary("One community currency: its facets, issuers and how many organizations accept it");
        api.MapGet("/{id:long}/accepted-by", AcceptedBy)
            .WithSummary("Where the currency can be spent: the organizations that accept it, confirmed by both sides, with the search's filters, paging and facets");
        api.MapGet("/{id:long}/accepted-by/map-points", Points).WithSummary("Coordinates of the organizations that accept the currency, for maps");
        api.MapGet("/{id:long}/accepted-by.geojson", GeoJson)
            .Produces<JsonObject>(StatusCodes.Status200OK, GeoJsonType)
            .WithSummary("The located organizations that accept the currency, as a GeoJSON FeatureCollection");

        var pages = app.MapGroup("/currencies").ExcludeFromDescription();
        pages.MapGet("", CurrencyPages.List);
        pages.MapGet("/{id:long}", CurrencyPages.Show);
    }

    private static async Task<Results<Ok<CurrencyList>, ValidationProblem>> List([AsParameters] SearchRequest request, Store store)
    {
        var (query, errors) = CurrenciesQuery(request);
        if (query is null) return Problems.InvalidParameters(errors);
        var (result, currencies) = await ListAsync(store, query);
        return TypedResults.Ok(new CurrencyList(result.Total, result.Page, result.PageSize, currencies.Select(CurrencyDetail.From).ToList()));
    }

    private static async Task<Results<Ok<CurrencyDetail>, ProblemHttpResult>> Get(long id, Store store)
    {
        var currency = await FindAsync(store, id);
        return currency is null ? NotACurrency(id) : TypedResults.Ok(CurrencyDetail.From(currency));
    }

    private static async Task<Results<Ok<OrganizationList>, ValidationProblem, ProblemHttpResult>> AcceptedBy(long id, [AsParameters] SearchRequest request, Store store)
    {
        var (currency, query, errors) = await AcceptedByQueryAsync(id, request, store);
        if (currency is null) return NotACurrency(id);
        if (query is null) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(OrganizationList.From(await store.Search.RunAsync(connection, query)));
    }

    private static async Task<Results<Ok<MapPoints>, ValidationProblem, ProblemHttpResult>> Points(long id, [AsParameters] SearchRequest request,
        Store store, IOptions<MapOptions> map)
    {
        var (currency, query, errors) = await AcceptedByQueryAsync(id, request, store);
        if (currency is null) return NotACurrency(id);
        if (query is null) return Problems.InvalidParameters(errors);
        return TypedResults.Ok(await MapPoints.OfAsync(store, query, map.Value.MaxPoints));
    }

    private static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem, ProblemHttpResult>> GeoJson(long id, [AsParameters] SearchRequest request,
        HttpRequest http, Store store, IOptions<MapOptions> map)
    {
        var (currency, query, errors) = await AcceptedByQueryAsync(id, request, store);
        if (currency is null) return NotACurrency(id);
        if (query is null) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        var points = await store.Search.PointsAsync(connection, query, map.Value.MaxPoints);
        var site = Exports.ExportsEndpoints.BaseUrl(http);
        var features = points.Select(p => (JsonNode?)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = p.Id,
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(p.Longitude, p.Latitude) },
            ["properties"] = new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["url"] = $"{site}/organizations/{p.Id}" },
        });
        var collection = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["name"] = $"Where to spend {currency.Content.Name}",
            ["features"] = new JsonArray(features.ToArray()),
        };
        return TypedResults.Json(collection, PublicJson.Options, GeoJsonType);
    }

    /// <summary>The search of currencies a request asks for: whatever it filters, of kind currency only.</summary>
    internal static (SearchQuery? Query, IReadOnlyList<FieldError> Errors) CurrenciesQuery(SearchRequest request) =>
        (request with { Kind = [CurrencyFacets.Kind] }).Parse();

    /// <summary>A page of currencies and their whole records (for their facets and issuers), in the page's order.</summary>
    internal static async Task<(SearchResult Result, IReadOnlyList<Organization> Currencies)> ListAsync(Store store, SearchQuery query)
    {
        await using var connection = await store.OpenForReadingAsync();
        var result = await store.Search.RunAsync(connection, query);
        return (result, await OrganizationQueries.LoadAsync(connection, result.Items.Select(i => i.Id).ToList()));
    }

    /// <summary>The currency, and the search among the organizations that accept it (null with the errors when the request does not parse).</summary>
    internal static async Task<(Organization? Currency, SearchQuery? Query, IReadOnlyList<FieldError> Errors)> AcceptedByQueryAsync(
        long id, SearchRequest request, Store store)
    {
        var currency = await FindAsync(store, id);
        var (query, errors) = request.Parse();
        if (currency is null || query is null) return (currency, null, errors);
        return (currency, query with { Among = Acceptance.AcceptingIds(currency) }, errors);
    }

    /// <summary>The organization with this id if it is a community currency, else null (both a 404).</summary>
    internal static async Task<Organization?> FindAsync(Store store, long id) =>
        await OrganizationQueries.FindAsync(store, id) is { } o && Acceptance.IsCurrency(o) ? o : null;

    internal static string NotACurrencyMessage(long id) => $"There is no community currency with id {id} (an organization of kind {CurrencyFacets.Kind}).";

    private static ProblemHttpResult NotACurrency(long id) => Problems.NotFound(NotACurrencyMessage(id));
}
