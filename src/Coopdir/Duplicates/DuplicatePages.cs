using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Duplicates;

/// <summary>The duplicates queue for people: the list, each pair side by side, and the decision forms (plain POSTs).</summary>
public static class DuplicatePages
{
    internal static Task<IResult> List(Store store, string? status = null, int page = 1) => ListAsync(store, status, page, null);

    internal static async Task<IResult> Scan(Store store, TimeProvider clock) =>
        await ListAsync(store, DuplicatePairs.Open, 1, await DuplicateScan.RunAsync(store, clock));

    private static async Task<IResult> ListAsync(Store store, string? status, int page, ScanResult? scan)
    {
        status ??= DuplicatePairs.Open;
        if (DuplicatesEndpoints.Check(status, page) is { Count: > 0 } errors)
            return new RazorComponentResult<DuplicateListPage>(new { Status = DuplicatePairs.Open, Errors = errors }) { StatusCode = StatusCodes.Status400BadRequest };
        await using var connection = await store.OpenAsync();
        var (items, total) = await DuplicatePairs.ListAsync(connection, status, page, DuplicatesEndpoints.PageSize);
        return new RazorComponentResult<DuplicateListPage>(new { Items = items, Status = status, Page = page, Total = total, Scan = scan });
    }

    internal static Task<IResult> Show(long id, Store store) => PageAsync(id, store, null, StatusCodes.Status200OK);

    internal static async Task<IResult> Decide(long id, IFormCollection form, Store store, DuplicateDecisions decisions, ClaimsPrincipal principal)
    {
        long? survivor = long.TryParse(form["survivor_id"], out var given) ? given : null;
        var decision = (string?)form["decision"];
        var result = await decisions.DecideAsync(principal.ToUser()!, id, decision, decision == DuplicatePairs.Same ? survivor : null);
        return result.Outcome switch
        {
            EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect($"/review/duplicates/{id}"),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            EditOutcome.NotFound => NotFoundPages.Show(result.Detail ?? $"There is no possible duplicate pair {id}."),
            EditOutcome.Invalid => await PageAsync(id, store, result, StatusCodes.Status400BadRequest),
            _ => await PageAsync(id, store, result, StatusCodes.Status409Conflict),
        };
    }

    private static async Task<IResult> PageAsync(long id, Store store, EditResult? result, int status)
    {
        DuplicateComparison? comparison;
        long? survivor = null;
        await using (var connection = await store.OpenAsync())
        {
            comparison = await DuplicateComparison.LoadAsync(connection, id);
            // A merged pair's page leads to where both records now are.
            if (comparison is { Pair.Status: DuplicatePairs.Same } && (comparison.First is null ? comparison.Pair.FirstId
                    : comparison.Second is null ? comparison.Pair.SecondId : (long?)null) is { } gone)
                survivor = await OrganizationQueries.MergedIntoAsync(connection, gone);
        }
        if (comparison is null) return NotFoundPages.Show($"There is no possible duplicate pair {id} waiting or decided.");
        return new RazorComponentResult<DuplicatePairPage>(new
        {
            Comparison = comparison,
            SurvivorId = survivor,
            Errors = result?.Errors ?? [],
            Problem = result?.Outcome is EditOutcome.Conflict or EditOutcome.Queued ? result.Detail : null,
        }) { StatusCode = status };
    }
}
