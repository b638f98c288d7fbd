using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Core.Solutions;
using Coopdir.Search;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Solutions;

/// <summary>
/// The catalogue of shared solutions: search with facets over the API and on /solutions, one solution with
/// who maintains, funds and uses it, and where its users are, for the map on its page.
/// </summary>
public static class SolutionCatalogueEndpoints
{
    public static void MapSolutionCatalogue(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/solutions").WithTags("Solutions");
        api.MapGet("", List).WithSummary("Shared solutions: text search and facet filters, with each facet's counts and paging, most reused first");
        api.MapGet("/{id:long}", Get).WithSummary("One shared solution: facets, facts, who maintains, funds and uses it, and the parties its sources name that the directory has not linked");
        api.MapGet("/{id:long}/users/map-points", UserPoints).WithSummary("Coordinates of the organizations that use the solution now, for maps");

        app.MapGet("/solutions", Page).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<SolutionList>, ValidationProblem>> List([AsParameters] CatalogueRequest request, Store store)
    {
        var (query, errors) = request.Parse();
        if (query is null) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(SolutionList.From(await store.Solutions.SearchAsync(connection, query)));
    }

    private static async Task<Results<Ok<SolutionDetail>, ProblemHttpResult>> Get(long id, Store store)
    {
        var solution = await FindAsync(store, id);
        if (solution is null) return Problems.NotFound(NotASolutionMessage(id));
        return TypedResults.Ok(SolutionDetail.From(solution, await PossibleNamesAsync(store, solution)));
    }

    private static async Task<Results<Ok<MapPoints>, ProblemHttpResult>> UserPoints(long id, Store store, IOptions<MapOptions> map)
    {
        var solution = await FindAsync(store, id);
        if (solution is null) return Problems.NotFound(NotASolutionMessage(id));
        var users = SolutionCatalogue.Users(solution).ToHashSet();
        return TypedResults.Ok(await MapPoints.OfAsync(store, new SearchQuery { Among = users }, map.Value.MaxPoints));
    }

    private static async Task<IResult> Page([AsParameters] CatalogueRequest request, HttpRequest http, Store store, ClaimsPrincipal principal)
    {
        var canImport = principal.ToUser()?.Can(Roles.Editor) == true;
        var links = new SearchLinks(http.Query, "/solutions");
        var (query, errors) = request.Parse();
        if (query is null)
            return new RazorComponentResult<SolutionsPage>(new { Links = links, Errors = errors, CanImport = canImport }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<SolutionsPage>(new { Links = links, Result = await store.Solutions.SearchAsync(connection, query), CanImport = canImport });
    }

    /// <summary>The organization with this id if it is a shared solution, else null (both a 404).</summary>
    internal static async Task<Organization?> FindAsync(Store store, long id) =>
        await OrganizationQueries.FindAsync(store, id) is { Content.Kind: SolutionRules.Kind } o ? o : null;

    /// <summary>The names of the organizations the solution's unlinked parties may be, by id (those still in the directory).</summary>
    internal static async Task<IReadOnlyDictionary<long, string>> PossibleNamesAsync(Store store, Organization solution)
    {
        var ids = SolutionLinks.Unlinked(solution).Select(u => u.PossibleOrganizationId).OfType<long>().Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<long, string>();
        await using var connection = await store.OpenForReadingAsync();
        return (await OrganizationQueries.LoadAsync(connection, ids)).ToDictionary(o => o.Id, o => o.Content.Name);
    }

    internal static string NotASolutionMessage(long id) => $"There is no shared solution with id {id} (an organization of kind {SolutionRules.Kind}).";
}
