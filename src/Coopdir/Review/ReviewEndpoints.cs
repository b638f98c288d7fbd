using System.Globalization;
using Coopdir.Core.Input;
using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Edits;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Review;

/// <summary>
/// Proposals and their review: the API (writes take a bearer token) and the review queue and proposal
/// pages (<see cref="ReviewPages"/>), where maintainers approve, reject or ask for changes.
/// </summary>
public static class ReviewEndpoints
{
    public static void MapReview(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/proposals").WithTags("Proposals");
        api.MapGet("", List).WithSummary($"Proposals with a status (default pending), oldest first, {InputLimits.PageSize} a page (page=1, 2…), without their patches");
        api.MapGet("/{id:long}", Get).WithSummary("One proposal, compared field by field with the current record");
        var proposing = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        proposing.MapPost("", Create).WithSummary("Propose a new organization, a merge patch to one, a merge or a removal");
        var review = api.MapGroup("/{id:long}").RequireAuthorization(Access.Api(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        review.MapPost("/approve", Approve).WithSummary("Apply a pending proposal");
        review.MapPost("/reject", Reject).WithSummary("Reject a pending proposal with a reason");
        review.MapPost("/request-changes", RequestChanges).WithSummary("Send a pending proposal back to its author with a reason");

        var pages = app.MapGroup("/proposals").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("", ReviewPages.Queue);
        pages.MapGet("/{id:long}", ReviewPages.Show);
        pages.MapGet("/{id:long}/sent", ReviewPages.Sent).RequireAuthorization(Access.Web(Roles.Contributor));
        var decisions = pages.MapGroup("/{id:long}").RequireAuthorization(Access.Web(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        decisions.MapPost("/approve", ReviewPages.Approve);
        decisions.MapPost("/reject", ReviewPages.Reject);
        decisions.MapPost("/request-changes", ReviewPages.RequestChanges);
    }

    private static async Task<Results<Ok<IReadOnlyList<ProposalResponse>>, ValidationProblem>> List(Store store, string? status = null, string? page = null)
    {
        status ??= ProposalStatus.Pending;
        if (!ProposalStatus.All.Contains(status))
            return Problems.InvalidParameters([new("status", $"'{status}' is not one of {string.Join(", ", ProposalStatus.All)}")]);
        if (!int.TryParse(page ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 100_000)
            return Problems.InvalidParameters([new("page", "must be a whole number from 1 to 100000")]);
        await using var connection = await store.OpenForReadingAsync();
        var proposals = await Proposals.HeadersWithStatusAsync(connection, status, InputLimits.PageSize, (number - 1) * InputLimits.PageSize);
        return TypedResults.Ok<IReadOnlyList<ProposalResponse>>(proposals.Select(ProposalResponse.Header).ToList());
    }

    private static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> Get(long id, Store store, OrganizationEdits edits)
    {
        var proposal = await ProposalAsync(store, id);
        return proposal is null ? Problems.NotFound($"There is no proposal {id}.") : TypedResults.Ok(ProposalResponse.From(proposal, await edits.CompareAsync(proposal)));
    }

    private static async Task<Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ProposalRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store)
    {
        var result = await edits.ProposeAsync(principal.ToUser()!, body.ToEdit());
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            _ => TypedResults.Created($"/api/v1/proposals/{result.ProposalId}", await ReloadAsync(store, edits, result.ProposalId!.Value)),
        };
    }

    private static async Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Approve(
        long id, ClaimsPrincipal principal, OrganizationEdits edits, Store store, HttpResponse response)
    {
        var result = await edits.ApproveAsync(principal.ToUser()!, id);
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            EditOutcome.Conflict => EditResponses.Conflict(result, StatusCodes.Status409Conflict, response),
            _ => TypedResults.Ok(await ReloadAsync(store, edits, id)),
        };
    }

    private static Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Reject(
        long id, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store) =>
        DeclineAsync(id, ProposalStatus.Rejected, body, principal, edits, store);

    private static Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> RequestChanges(
        long id, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store) =>
        DeclineAsync(id, ProposalStatus.ChangesRequested, body, principal, edits, store);

    private static async Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        long id, string status, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store)
    {
        var result = await edits.DeclineAsync(principal.ToUser()!, id, status, body.Reason);
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            _ => TypedResults.Ok(await ReloadAsync(store, edits, id)),
        };
    }

    // From the primary: the proposal was just written.
    private static async Task<ProposalResponse> ReloadAsync(Store store, OrganizationEdits edits, long id)
    {
        var proposal = (await ProposalAsync(store, id))!;
        return ProposalResponse.From(proposal, await edits.CompareAsync(proposal));
    }

    // On a connection of its own, closed before the comparison opens another.
    internal static async Task<Proposal?> ProposalAsync(Store store, long id)
    {
        await using var connection = await store.OpenAsync();
        return await Proposals.GetAsync(connection, id);
    }
}
