using System.Globalization;
using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Organizations;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Claims;

/// <summary>The claim page of a listing: start a claim, see the token and where to publish it, verify.</summary>
public static class ClaimPages
{
    internal static IResult Show(long id, ClaimsPrincipal principal, Store store)
    {
        var organization = OrganizationsEndpoints.Find(store, id.ToString(CultureInfo.InvariantCulture));
        if (organization is null) return NotFoundPages.Organization(id);
        using var connection = store.Open();
        return new RazorComponentResult<ClaimPage>(new { Organization = organization, Claim = ListingClaims.Find(connection, id, principal.ToUser()!.Id) });
    }

    internal static IResult Start(long id, ClaimsPrincipal principal, Store store, ListingClaims claims) =>
        ClaimSteps.Start(store, claims, id, principal.ToUser()!) is null ? NotFoundPages.Organization(id) : TypedResults.Redirect($"/organizations/{id}/claim");

    internal static async Task<IResult> Verify(long id, ClaimsPrincipal principal, Store store, ListingClaims claims, ClaimVerifier verifier,
        CancellationToken cancellation)
    {
        var outcome = await ClaimSteps.Verify(store, claims, verifier, id, principal.ToUser()!, cancellation);
        if (outcome is not { } result) return NotFoundPages.Organization(id);
        return new RazorComponentResult<ClaimPage>(new
        {
            Organization = OrganizationsEndpoints.Find(store, id.ToString(CultureInfo.InvariantCulture))!,
            result.Claim,
            Detail = result.Check.Detail,
        }) { StatusCode = result.Check.Verified ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
    }
}
