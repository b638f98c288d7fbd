using Coopdir.Core.Areas;
using Coopdir.Core.Organizations;
using Coopdir.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Areas;

/// <summary>
/// Places: the API (list and suggest by name and parent, one area with what is located in it, and the
/// written places no area answers to) and the pages (<see cref="AreaPages"/>): <c>/areas</c> and
/// <c>/areas/{ocd-id}</c>, a city's or a region's page.
/// </summary>
public static class AreasEndpoints
{
    public const int MaxQueryLength = 200, MaxListed = 200, Suggested = 10;

    public static void MapAreas(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/areas").WithTags("Areas");
        api.MapGet("", List).WithSummary("Areas whose name starts with q, within parent (coarse levels first)");
        api.MapGet("/suggest", Suggest).WithSummary("Up to 10 areas for a place box while a person types");
        api.MapGet("/unresolved", Unresolved).WithSummary("Places organizations write that no area answers to, and why; most written first");
        api.MapGet("/{**id}", Get).WithSummary("One area (an Open Civic Data division id): where it sits and what is located in it");

        var pages = app.MapGroup("/areas").ExcludeFromDescription();
        pages.MapGet("", AreaPages.List);
        pages.MapGet("/{**id}", AreaPages.Show);
    }

    public static string PageUrl(string id) => $"/areas/{id}";

    public static string SearchUrl(string id) => $"/search?area={Uri.EscapeDataString(id)}";

    private static async Task<Results<Ok<AreaListResponse>, ValidationProblem>> List(string? q, string? parent, int? limit, Store store)
    {
        var (found, errors) = await FindAsync(store, q, parent, Math.Clamp(limit ?? 50, 1, MaxListed));
        return errors.Count > 0 ? Problems.InvalidParameters(errors) : TypedResults.Ok(found!);
    }

    private static async Task<Results<Ok<AreaListResponse>, ValidationProblem>> Suggest(string? q, string? parent, Store store)
    {
        var (found, errors) = await FindAsync(store, q, parent, Suggested);
        return errors.Count > 0 ? Problems.InvalidParameters(errors) : TypedResults.Ok(found!);
    }

    internal static async Task<(AreaListResponse? Found, IReadOnlyList<FieldError> Errors)> FindAsync(Store store, string? q, string? parent, int limit)
    {
        var errors = new List<FieldError>();
        if (q is { Length: > MaxQueryLength }) errors.Add(new("q", $"is longer than {MaxQueryLength} characters"));
        await using var connection = await store.OpenForReadingAsync();
        var gazetteer = await store.Areas.CurrentAsync(connection);
        Area? within = null;
        if (!string.IsNullOrWhiteSpace(parent) && (within = gazetteer.Find(parent.Trim())) is null)
            errors.Add(new("parent", $"there is no area '{Short(parent)}'"));
        if (errors.Count > 0) return (null, errors);
        return (new AreaListResponse(gazetteer.Search(q, within, limit).Select(a => AreaSummary.From(a, gazetteer)).ToList()), errors);
    }

    private static async Task<Results<Ok<AreaResponse>, ProblemHttpResult>> Get(string id, Store store)
    {
        var overview = await AreaOverview.OfAsync(store, id);
        if (overview is null) return NotFound(id);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(AreaResponse.From(overview, await store.Areas.CurrentAsync(connection)));
    }

    private static async Task<Ok<IReadOnlyList<UnresolvedPlaceResponse>>> Unresolved(int? limit, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var places = await store.Search.UnresolvedPlacesAsync(connection, Math.Clamp(limit ?? 100, 1, 10_000));
        return TypedResults.Ok<IReadOnlyList<UnresolvedPlaceResponse>>(
            places.Select(p => new UnresolvedPlaceResponse(p.Country, p.Region, p.Locality, p.Why, p.Organizations)).ToList());
    }

    internal static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"There is no area '{Short(id)}'. Areas are Open Civic Data division ids, such as ocd-division/country:us/state:ca; find one at /api/v1/areas?q=.");

    private static string Short(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
