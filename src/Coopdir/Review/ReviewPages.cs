using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Input;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Review;

/// <summary>The review queue and each proposal's page, where maintainers approve, reject or ask for changes.</summary>
public static class ReviewPages
{
    /// <summary>A page of pending proposals, oldest first, each as a summary: the comparison is on the proposal's own page.</summary>
    internal static async Task<IResult> Queue(Store store, ClaimsPrincipal principal, string? page = null)
    {
        if (!int.TryParse(page ?? "1", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 100_000)
            return NotFoundPages.Show($"There is no page '{page}' of the review queue.");
        await using var connection = await store.OpenForReadingAsync();
        var total = await Proposals.CountWithStatusAsync(connection, ProposalStatus.Pending);
        var items = await Proposals.HeadersWithStatusAsync(connection, ProposalStatus.Pending, InputLimits.PageSize, (number - 1) * InputLimits.PageSize);
        return new RazorComponentResult<ReviewQueuePage>(new
        {
            Items = items,
            Total = total,
            Page = number,
            CanReview = principal.ToUser()?.Can(Roles.Maintainer) == true,
        });
    }

    internal static Task<IResult> Show(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        PageAsync(id, store, edits, principal, null, StatusCodes.Status200OK);

    /// <summary>What its author sees after sending a proposal: what happens next, and where to follow it.</summary>
    internal static async Task<IResult> Sent(long id, Store store, ClaimsPrincipal principal)
    {
        var proposal = await ReviewEndpoints.ProposalAsync(store, id);
        if (proposal is null) return NotFoundPages.Show($"There is no proposal {id}.");
        // Anyone else, or the author once it is reviewed, gets the proposal itself.
        if (proposal.AuthorId != principal.ToUser()!.Id || proposal.Status != ProposalStatus.Pending)
            return TypedResults.Redirect($"/proposals/{id}");
        return new RazorComponentResult<ProposalSentPage>(new { Proposal = proposal });
    }

    private static async Task<IResult> PageAsync(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal, EditResult? result, int status)
    {
        var proposal = await ReviewEndpoints.ProposalAsync(store, id);
        if (proposal is null)
            return NotFoundPages.Show($"There is no proposal {id}.");
        return new RazorComponentResult<ProposalPage>(new
        {
            Proposal = proposal,
            Comparison = await edits.CompareAsync(proposal),
            CanReview = principal.ToUser()?.Can(Roles.Maintainer) == true,
            Errors = result?.Errors ?? [],
            Problem = result?.Outcome == EditOutcome.Conflict ? result.Detail : null,
        }) { StatusCode = status };
    }

    internal static async Task<IResult> Approve(long id, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        await AfterAsync(id, await edits.ApproveAsync(principal.ToUser()!, id), store, edits, principal);

    internal static async Task<IResult> Reject(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        await AfterAsync(id, await edits.DeclineAsync(principal.ToUser()!, id, ProposalStatus.Rejected, form["reason"]), store, edits, principal);

    internal static async Task<IResult> RequestChanges(long id, IFormCollection form, Store store, OrganizationEdits edits, ClaimsPrincipal principal) =>
        await AfterAsync(id, await edits.DeclineAsync(principal.ToUser()!, id, ProposalStatus.ChangesRequested, form["reason"]), store, edits, principal);

    private static async Task<IResult> AfterAsync(long id, EditResult result, Store store, OrganizationEdits edits, ClaimsPrincipal principal) => result.Outcome switch
    {
        EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect($"/proposals/{id}"),
        EditOutcome.Conflict => await PageAsync(id, store, edits, principal, result, StatusCodes.Status409Conflict),
        EditOutcome.Forbidden => TypedResults.Forbid(),
        _ => await PageAsync(id, store, edits, principal, result, result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest),
    };
}
