using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>The review queue and each proposal's page, where maintainers approve, reject or ask for changes.</summary>
public static class ReviewPages
{
    public static void MapReviewPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/proposals").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("", Queue);
        pages.MapGet("/{id:long}", Show);
        pages.MapPost("/{id:long}/approve", Approve).RequireAuthorization(Access.Web(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        pages.MapPost("/{id:long}/reject", Reject).RequireAuthorization(Access.Web(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        pages.MapPost("/{id:long}/request-changes", RequestChanges).RequireAuthorization(Access.Web(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
    }

    private static RazorComponentResult<ReviewQueuePage> Queue(Store store, OrganizationEdits edits, ClaimsPrincipal principal)
    {
        using var connection = store.Open();
        var pending = Proposals.WithStatus(connection, ProposalStatus.Pending);
        return new RazorComponentResult<ReviewQueuePage>(new
        {
            Items = pending.Select(p => (p, edits.Compare(p))).ToList(),
            CanReview = principal.ToUser()?.Can(Roles.Maintainer) == true,
        });
    }

    private static IResult Show(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        Page(id, store, edits, principal, null, StatusCodes.Status200OK);

    private static IResult Page(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal, EditResult? result, int status)
    {
        using var connection = store.Open();
        var proposal = Proposals.Get(connection, id);
        if (proposal is null)
            return NotFoundPages.Show($"There is no proposal {id}.");
        return new RazorComponentResult<ProposalPage>(new
        {
            Proposal = proposal,
            Comparison = edits.Compare(proposal),
            CanReview = principal.ToUser()?.Can(Roles.Maintainer) == true,
            Errors = result?.Errors ?? [],
            Problem = result?.Outcome == EditOutcome.Conflict ? result.Detail : null,
        }) { StatusCode = status };
    }

    private static IResult Approve(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Approve(principal.ToUser()!, id), store, edits, principal);

    private static IResult Reject(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Decline(principal.ToUser()!, id, ProposalStatus.Rejected, form["reason"]), store, edits, principal);

    private static IResult RequestChanges(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Decline(principal.ToUser()!, id, ProposalStatus.ChangesRequested, form["reason"]), store, edits, principal);

    private static IResult After(long id, EditResult result, Store store, OrganizationEdits edits, ClaimsPrincipal principal) => result.Outcome switch
    {
        EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect($"/proposals/{id}"),
        EditOutcome.Conflict => Page(id, store, edits, principal, result, StatusCodes.Status409Conflict),
        EditOutcome.Forbidden => TypedResults.Forbid(),
        _ => Page(id, store, edits, principal, result, result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest),
    };
}
