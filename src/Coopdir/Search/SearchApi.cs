using Coopdir.Core.Data;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Search;

public static class SearchApi
{
    public static void MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations").WithTags("Search");
        api.MapGet("", Search)
            .WithName("SearchOrganizations")
            .WithSummary("Search organizations")
            .WithDescription("Free text, vocabulary and place filters, geo (near + radius_km, bbox), sorting, paging and facet counts.");
        api.MapGet("/map-points", Points)
            .WithName("MapPoints")
            .WithSummary("Coordinates of every organization matching a search, for maps");

        app.MapGet("/search", SearchPageEndpoint.Render).ExcludeFromDescription();
    }

    private static Results<Ok<OrganizationList>, ValidationProblem> Search(
        [AsParameters] OrganizationSearchRequest request, Store store)
    {
        var (query, errors) = request.ToParameters().Parse();
        if (query is null) return Problems.InvalidParameters(errors);
        using var connection = store.OpenForReading();
        return TypedResults.Ok(OrganizationList.From(store.Search.Run(connection, query)));
    }

    private static Results<Ok<MapPoints>, ValidationProblem> Points(
        [AsParameters] OrganizationSearchRequest request, Store store, IOptions<MapOptions> map)
    {
        var (query, errors) = request.ToParameters().Parse();
        if (query is null) return Problems.InvalidParameters(errors);
        using var connection = store.OpenForReading();
        var limit = map.Value.MaxPoints;
        var points = store.Search.Points(connection, query, limit + 1);
        return TypedResults.Ok(new MapPoints(
            Math.Min(points.Count, limit),
            points.Count > limit,
            points.Take(limit).Select(p => new object[] { p.Id, p.Latitude, p.Longitude, p.Name }).ToList()));
    }
}
