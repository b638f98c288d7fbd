using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Claims;

/// <summary>The claim page of a listing: start a claim, see the token and where to publish it, verify.</summary>
public static class ClaimPages
{
    internal static async Task<IResult> Show(long id, ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        var organization = await OrganizationQueries.GetAsync(connection, id);
        if (organization is null) return NotFoundPages.Organization(id);
        return new RazorComponentResult<ClaimPage>(new { Organization = organization, Claim = await ListingClaims.FindAsync(connection, id, principal.ToUser()!.Id) });
    }

    internal static async Task<IResult> Start(long id, ClaimsPrincipal principal, Store store, ListingClaims claims) =>
        await ClaimSteps.StartAsync(store, claims, id, principal.ToUser()!) is null ? NotFoundPages.Organization(id) : TypedResults.Redirect($"/organizations/{id}/claim");

    internal static async Task<IResult> Verify(long id, ClaimsPrincipal principal, Store store, ListingClaims claims, ClaimVerifier verifier,
        CancellationToken cancellation)
    {
        var outcome = await ClaimSteps.VerifyAsync(store, claims, verifier, id, principal.ToUser()!, cancellation);
        if (outcome is not { } result) return NotFoundPages.Organization(id);
        return new RazorComponentResult<ClaimPage>(new
        {
            result.Organization,
            result.Claim,
            Detail = result.Check.Detail,
        }) { StatusCode = result.Check.Verified ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
    }
}
