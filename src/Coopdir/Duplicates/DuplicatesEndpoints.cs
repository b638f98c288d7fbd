using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;
using Coopdir.Edits;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Duplicates;

/// <summary>
/// The possible duplicates queue: the API and the review pages (<see cref="DuplicatePages"/>). Only
/// editors and above see it and decide, since a decision may merge two records.
/// </summary>
public static class DuplicatesEndpoints
{
    public const int PageSize = 50;
    private const int MaxBodyBytes = Core.Input.InputLimits.TinyBodyBytes;

    public static void MapDuplicates(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/duplicates").WithTags("Duplicates").RequireAuthorization(Access.Api(Roles.Editor));
        api.MapGet("", List).WithSummary("Possible duplicate pairs with a status (open, later, decided, same, not_same), highest score first");
        api.MapGet("/{id:long}", Get).WithSummary("One pair, both records compared field by field");
        api.MapPost("/{id:long}/decision", Decide).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Decide a pair: same (merge into survivor_id, by default the older), not_same, or later");
        api.MapPost("/scan", Scan).RequireRateLimiting(RateLimits.Writes).WithSummary("Compare the whole directory and queue new possible duplicates");

        var pages = app.MapGroup("/review/duplicates").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Editor));
        pages.MapGet("", DuplicatePages.List);
        pages.MapGet("/{id:long}", DuplicatePages.Show);
        pages.MapPost("/{id:long}/decision", DuplicatePages.Decide).RequireRateLimiting(RateLimits.Writes);
        pages.MapPost("/scan", DuplicatePages.Scan).RequireRateLimiting(RateLimits.Writes);
    }

    /// <summary>The status filter and page, or what was wrong with them.</summary>
    internal static IReadOnlyList<FieldError> Check(string status, int page)
    {
        var errors = new List<FieldError>();
        if (!DuplicatePairs.Filters.Contains(status)) errors.Add(new("status", $"'{status}' is not one of {string.Join(", ", DuplicatePairs.Filters)}"));
        if (page < 1) errors.Add(new("page", "must be 1 or more"));
        return errors;
    }

    private static async Task<Results<Ok<DuplicatePairList>, ValidationProblem>> List(Store store, string? status = null, int page = 1)
    {
        status ??= DuplicatePairs.Open;
        if (Check(status, page) is { Count: > 0 } errors) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenAsync();
        var (items, total) = await DuplicatePairs.ListAsync(connection, status, page, PageSize);
        return TypedResults.Ok(new DuplicatePairList(items.Select(DuplicatePairResponse.From).ToList(), status, page, PageSize, total));
    }

    private static async Task<Results<Ok<DuplicatePairDetail>, ProblemHttpResult>> Get(long id, Store store)
    {
        await using var connection = await store.OpenAsync();
        return await DuplicateComparison.LoadAsync(connection, id) is { } comparison
            ? TypedResults.Ok(DuplicatePairDetail.From(comparison))
            : Problems.NotFound($"There is no possible duplicate pair {id} waiting or decided.");
    }

    private static async Task<IResult> Decide(long id, HttpRequest request, ClaimsPrincipal principal, DuplicateDecisions decisions, Store store)
    {
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(request, MaxBodyBytes);
        if (problem is not null) return problem;
        var result = await decisions.DecideAsync(principal.ToUser()!, id, body!.Decision, body.SurvivorId);
        return result.Outcome switch
        {
            EditOutcome.Applied or EditOutcome.Unchanged => await Get(id, store) switch
            {
                { Result: Ok<DuplicatePairDetail> ok } => ok,
                var other => other.Result,
            },
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            EditOutcome.Queued => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Held for review"),
            _ => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Already decided"),
        };
    }

    private static async Task<Ok<ScanResponse>> Scan(Store store, TimeProvider clock) =>
        TypedResults.Ok(ScanResponse.From(await DuplicateScan.RunAsync(store, clock)));
}
