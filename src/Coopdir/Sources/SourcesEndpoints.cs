using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Sources;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Sources;

/// <summary>
/// The sources records are merged from: the API (retiring one takes an editor's token) and the pages
/// (<see cref="SourcePages"/>), where editors retire a source with a form.
/// </summary>
public static class SourcesEndpoints
{
    public static void MapSources(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/sources").WithTags("Sources");
        api.MapGet("", List).WithSummary("Every source, with how many organizations it lists now");
        api.MapGet("/{id:long}", Get).WithSummary("One source");
        api.MapGet("/precedence", Precedence).WithSummary("The configured orders of sources, per field; fields not named go newest vintage first");
        api.MapPost("/{id:long}/retirement", Retire).WithSummary("Retire a source: its values stop counting; records only it lists stay, listed by no source")
            .RequireAuthorization(Access.Api(Roles.Editor)).RequireRateLimiting(RateLimits.Writes);

        var pages = app.MapGroup("/sources").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("", SourcePages.List);
        pages.MapGet("/{id:long}", SourcePages.Show);
        pages.MapPost("/{id:long}/retire", SourcePages.Retire).RequireAuthorization(Access.Web(Roles.Editor)).RequireRateLimiting(RateLimits.Writes);
    }

    private static async Task<Ok<IReadOnlyList<SourceResponse>>> List(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok<IReadOnlyList<SourceResponse>>((await SourceQueries.AllAsync(connection)).Select(SourceResponse.From).ToList());
    }

    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> Get(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await SourceQueries.GetAsync(connection, id) is { } source ? TypedResults.Ok(SourceResponse.From(source)) : NotFound(id);
    }

    private static async Task<Ok<IReadOnlyList<FieldOrderResponse>>> Precedence(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok<IReadOnlyList<FieldOrderResponse>>((await SourceQueries.PrecedenceAsync(connection))
            .Select(o => new FieldOrderResponse(o.Field, o.Sources.Select(s => new SourceName(s.Id, s.Name)).ToList())).ToList());
    }

    private static async Task<Results<Ok<RetirementResponse>, ProblemHttpResult>> Retire(long id, ClaimsPrincipal principal, Store store, TimeProvider clock)
    {
        var result = await new SourceRetirement(store, clock).RetireAsync(id, principal.ToUser()!.Name);
        if (result.Outcome == RetirementOutcome.NotFound) return NotFound(id);
        if (result.Outcome == RetirementOutcome.AlreadyRetired)
            return TypedResults.Problem(detail: $"{result.Source!.Name} was already retired on {result.Source.RetiredAt?[..10]}.",
                statusCode: StatusCodes.Status409Conflict, title: "Already retired");
        await using var connection = await store.OpenAsync();
        var c = result.Counts;
        return TypedResults.Ok(new RetirementResponse(SourceResponse.From((await SourceQueries.GetAsync(connection, id))!),
            c.Changed, c.Unchanged, c.Unlisted, c.Invalid));
    }

    internal static ProblemHttpResult NotFound(long id) => Problems.NotFound($"There is no source {id}.");
}
