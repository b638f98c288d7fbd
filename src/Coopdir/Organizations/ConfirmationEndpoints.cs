using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Organizations;

/// <summary>The record's confirmation as the API returns it: when, by whom, and whether that is too long ago.</summary>
public sealed record ConfirmationResponse(long OrganizationId, string? ConfirmedAt, string? ConfirmedBy, bool Stale);

/// <summary>
/// "Still correct": a verified claimer of the organization or an editor confirms the record as it
/// stands (<see cref="Confirmations"/>), over the API or with the button on the organization's page
/// (<see cref="FreshnessNotice"/>).
/// </summary>
public static class ConfirmationEndpoints
{
    public static void MapConfirmations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/organizations/{id:long}/confirmation", Confirm).WithTags("Organizations")
            .RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Confirm that the record is still correct (its verified claimer or an editor)")
            .WithDescription("Records a revision that changes nothing and moves confirmed_at to now: the record is no longer stale.");

        var pages = app.MapGroup("/organizations/{id:long}/confirmation").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        pages.MapPost("", ConfirmFromPage);
    }

    private static async Task<Results<Ok<ConfirmationResponse>, ProblemHttpResult>> Confirm(
        long id, ClaimsPrincipal principal, Store store, TimeProvider clock, Freshness freshness)
    {
        switch (await new Confirmations(store, clock).ConfirmAsync(principal.ToUser()!, id))
        {
            case ConfirmOutcome.NotFound: return Problems.NotFound($"There is no organization with id '{id}'.");
            case ConfirmOutcome.Forbidden:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                    detail: "Only the organization's verified claimer or an editor may confirm that its record is still correct.");
        }
        var organization = (await OrganizationQueries.FindAsync(store, id, forEditing: true))!;
        return TypedResults.Ok(new ConfirmationResponse(id, organization.ConfirmedAt, organization.ConfirmedBy, freshness.IsStale(organization.ConfirmedAt)));
    }

    private static async Task<IResult> ConfirmFromPage(long id, ClaimsPrincipal principal, Store store, TimeProvider clock) =>
        await new Confirmations(store, clock).ConfirmAsync(principal.ToUser()!, id) switch
        {
            ConfirmOutcome.NotFound => Shared.NotFoundPages.Show($"There is no organization with id '{id}'."),
            ConfirmOutcome.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.Redirect($"/organizations/{id}#freshness"),
        };
}
