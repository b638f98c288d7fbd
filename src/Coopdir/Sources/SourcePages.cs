using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Sources;

/// <summary>The sources' pages: every source, and one source with its records and, for editors, the form that retires it.</summary>
public static class SourcePages
{
    internal static async Task<RazorComponentResult<SourcesPage>> List(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<SourcesPage>(new { Sources = await SourceQueries.AllAsync(connection) });
    }

    internal static Task<IResult> Show(long id, Store store, ClaimsPrincipal principal) =>
        PageAsync(id, store, principal, [], null, StatusCodes.Status200OK);

    /// <summary>Retires the source (the same <see cref="SourceRetirement"/> as the API) once the editor has ticked the confirmation.</summary>
    internal static async Task<IResult> Retire(long id, IFormCollection form, Store store, ClaimsPrincipal principal, TimeProvider clock)
    {
        if (form["confirm"] != "yes")
            return await PageAsync(id, store, principal, [new FieldError("confirm", "tick the box to confirm the source is to be retired")], null,
                StatusCodes.Status400BadRequest);
        var result = await new SourceRetirement(store, clock).RetireAsync(id, principal.ToUser()!.Name);
        return result.Outcome switch
        {
            RetirementOutcome.NotFound => NotFoundPages.Show($"There is no source {id}."),
            RetirementOutcome.AlreadyRetired => await PageAsync(id, store, principal, [], $"{result.Source!.Name} was already retired: nothing changed.",
                StatusCodes.Status409Conflict),
            _ => await PageAsync(id, store, principal, [], null, StatusCodes.Status200OK, result.Counts),
        };
    }

    private static async Task<IResult> PageAsync(long id, Store store, ClaimsPrincipal principal, IReadOnlyList<FieldError> errors,
        string? problem, int status, RemergeCounts? retired = null)
    {
        // Just after a retirement the page must show it, so it reads from the primary rather than a replica.
        await using var connection = status == StatusCodes.Status200OK && retired is null ? await store.OpenForReadingAsync() : await store.OpenAsync();
        if (await SourceQueries.GetAsync(connection, id) is not { } source) return NotFoundPages.Show($"There is no source {id}.");
        return new RazorComponentResult<SourcePage>(new
        {
            Overview = source,
            Recent = await SourceQueries.RecentRecordsAsync(connection, id),
            CanRetire = principal.ToUser()?.Can(Roles.Editor) == true,
            Errors = errors,
            Problem = problem,
            Retired = retired,
        }) { StatusCode = status };
    }
}
