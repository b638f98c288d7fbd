using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Claims;

public sealed record ClaimResponse(long OrganizationId, string Status, string Token, string FilePath, string MetaTag, string? Detail = null)
{
    public static ClaimResponse From(ListingClaim claim, string? detail = null) => new(claim.OrganizationId, claim.Status, claim.Token,
        ClaimVerifier.WellKnownPath, $"<meta name=\"coopdir-verification\" content=\"{claim.Token}\">", detail);
}

/// <summary>
/// Claiming a listing: start a claim, publish its token on the organization's website, verify; over
/// the API and on the listing's claim page (<see cref="ClaimPages"/>). Both sides run <see cref="ClaimSteps"/>.
/// </summary>
public static class ClaimsEndpoints
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations/{id:long}/claims").WithTags("Claims")
            .RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        api.MapPost("", Start).WithSummary("Start claiming a listing: returns the token to publish on the organization's website");
        api.MapPost("/verify", Verify).WithSummary("Look for the token on the website; once found, the claimer edits the listing directly");

        var pages = app.MapGroup("/organizations/{id:long}/claim").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Contributor));
        pages.MapGet("", ClaimPages.Show);
        var steps = pages.MapGroup("").RequireRateLimiting(RateLimits.Writes);
        steps.MapPost("", ClaimPages.Start);
        steps.MapPost("/verify", ClaimPages.Verify);
    }

    private static async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> Start(long id, ClaimsPrincipal principal, Store store, ListingClaims claims)
    {
        var claim = await ClaimSteps.StartAsync(store, claims, id, principal.ToUser()!);
        return claim is null ? Problems.NotFound($"There is no organization with id '{id}'.") : TypedResults.Created($"/api/v1/organizations/{id}/claims", ClaimResponse.From(claim));
    }

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Verify(
        long id, ClaimsPrincipal principal, Store store, ListingClaims claims, ClaimVerifier verifier, CancellationToken cancellation)
    {
        var outcome = await ClaimSteps.VerifyAsync(store, claims, verifier, id, principal.ToUser()!, cancellation);
        if (outcome is not { } result) return Problems.NotFound($"You have no claim on organization '{id}'; start one first.");
        return result.Check.Verified
            ? TypedResults.Ok(ClaimResponse.From(result.Claim, result.Check.Detail))
            : TypedResults.Problem(detail: result.Check.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Token not found");
    }
}
