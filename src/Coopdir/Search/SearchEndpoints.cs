using System.ComponentModel;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Coopdir.Search;

/// <summary>Search: the organizations API, map points and suggestions, and the /search page.</summary>
public static class SearchEndpoints
{
    public const int MaxSuggestLength = 100;

    public static void MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Search");
        api.MapGet("/organizations", Search)
            .WithName("SearchOrganizations")
            .WithSummary("Search organizations")
            .WithDescription("Free text, vocabulary and place filters, geo (near + radius_km, bbox), sorting, paging and facet counts.");
        api.MapGet("/organizations/map-points", Points)
            .WithName("MapPoints")
            .WithSummary("Coordinates of every organization matching a search, for maps");
        api.MapGet("/suggest", Suggest)
            .WithName("Suggest")
            .WithSummary("Names and places that complete what is typed in a search box");

        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/search", SearchPages.Show);
        pages.MapGet("/embed", SearchPages.Embed);
    }

    private static async Task<Results<Ok<OrganizationList>, ValidationProblem>> Search(
        [AsParameters] SearchRequest request, Store store)
    {
        var (query, errors) = await request.ParseAsync(store);
        if (query is null) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(OrganizationList.From(await store.Search.RunAsync(connection, query)));
    }

    private static async Task<Results<Ok<MapPoints>, ValidationProblem>> Points(
        [AsParameters] SearchRequest request, Store store, IOptions<MapOptions> map)
    {
        var (query, errors) = await request.ParseAsync(store);
        if (query is null) return Problems.InvalidParameters(errors);
        return TypedResults.Ok(await MapPoints.OfAsync(store, query, map.Value.MaxPoints));
    }

    /// <summary>Names and places for the search box as a person types (suggest.js).</summary>
    private static async Task<Results<Ok<SuggestResponse>, ValidationProblem>> Suggest(
        [FromQuery(Name = "q"), Description("What has been typed so far")] string? q, Store store)
    {
        var text = q?.Trim() ?? "";
        if (text.Length > MaxSuggestLength)
            return Problems.InvalidParameters([new FieldError("q", $"is longer than {MaxSuggestLength} characters")]);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(SuggestResponse.From(text, await store.Search.SuggestAsync(connection, text)));
    }
}
