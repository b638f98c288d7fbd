using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Review;

/// <summary>The review queue and each proposal's page, where maintainers approve, reject or ask for changes.</summary>
public static class ReviewPages
{
    internal static RazorComponentResult<ReviewQueuePage> Queue(Store store, OrganizationEdits edits, ClaimsPrincipal principal)
    {
        using var connection = store.Open();
        var pending = Proposals.WithStatus(connection, ProposalStatus.Pending);
        return new RazorComponentResult<ReviewQueuePage>(new
        {
            Items = pending.Select(p => (p, edits.Compare(p))).ToList(),
            CanReview = principal.ToUser()?.Can(Roles.Maintainer) == true,
        });
    }

    internal static IResult Show(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
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

    internal static IResult Approve(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Approve(principal.ToUser()!, id), store, edits, principal);

    internal static IResult Reject(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Decline(principal.ToUser()!, id, ProposalStatus.Rejected, form["reason"]), store, edits, principal);

    internal static IResult RequestChanges(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        After(id, edits.Decline(principal.ToUser()!, id, ProposalStatus.ChangesRequested, form["reason"]), store, edits, principal);

    private static IResult After(long id, EditResult result, Store store, OrganizationEdits edits, ClaimsPrincipal principal) => result.Outcome switch
    {
        EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect($"/proposals/{id}"),
        EditOutcome.Conflict => Page(id, store, edits, principal, result, StatusCodes.Status409Conflict),
        EditOutcome.Forbidden => TypedResults.Forbid(),
        _ => Page(id, store, edits, principal, result, result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest),
    };
}
