using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>Proposals and their review over the API. Writes take a bearer token.</summary>
public static class ProposalsApi
{
    public static void MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/proposals").WithTags("Proposals");
        group.MapGet("", List).WithSummary("Proposals with a status (default pending), oldest first");
        group.MapGet("/{id:long}", Get).WithSummary("One proposal, compared field by field with the current record");
        group.MapPost("", Create).RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Propose a new organization, a merge patch to one, a merge or a removal");
        group.MapPost("/{id:long}/approve", Approve).RequireAuthorization(Access.Api(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Apply a pending proposal");
        group.MapPost("/{id:long}/reject", Reject).RequireAuthorization(Access.Api(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Reject a pending proposal with a reason");
        group.MapPost("/{id:long}/request-changes", RequestChanges).RequireAuthorization(Access.Api(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Send a pending proposal back to its author with a reason");
    }

    private static Results<Ok<IReadOnlyList<ProposalResponse>>, ValidationProblem> List(Store store, string? status = null)
    {
        status ??= ProposalStatus.Pending;
        if (!ProposalStatus.All.Contains(status))
            return Problems.InvalidParameters([new("status", $"'{status}' is not one of {string.Join(", ", ProposalStatus.All)}")]);
        using var connection = store.Open();
        return TypedResults.Ok<IReadOnlyList<ProposalResponse>>(Proposals.WithStatus(connection, status).Select(p => ProposalResponse.From(p)).ToList());
    }

    private static Results<Ok<ProposalResponse>, ProblemHttpResult> Get(long id, Store store, OrganizationEdits edits)
    {
        using var connection = store.Open();
        var proposal = Proposals.Get(connection, id);
        return proposal is null ? Problems.NotFound($"There is no proposal {id}.") : TypedResults.Ok(ProposalResponse.From(proposal, edits.Compare(proposal)));
    }

    private static Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult> Create(
        ProposalRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store)
    {
        var result = edits.Propose(principal.ToUser()!, body.ToEdit());
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            _ => Created(store, result.ProposalId!.Value, edits),
        };
    }

    private static Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult> Approve(
        long id, ClaimsPrincipal principal, OrganizationEdits edits, Store store, HttpResponse response)
    {
        var result = edits.Approve(principal.ToUser()!, id);
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            EditOutcome.Conflict => EditResponses.Conflict(store, result, StatusCodes.Status409Conflict, response),
            _ => TypedResults.Ok(Reload(store, edits, id)),
        };
    }

    private static Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult> Reject(
        long id, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store) =>
        Decline(id, ProposalStatus.Rejected, body, principal, edits, store);

    private static Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult> RequestChanges(
        long id, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store) =>
        Decline(id, ProposalStatus.ChangesRequested, body, principal, edits, store);

    private static Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult> Decline(
        long id, string status, ReviewRequest body, ClaimsPrincipal principal, OrganizationEdits edits, Store store)
    {
        var result = edits.Decline(principal.ToUser()!, id, status, body.Reason);
        return result.Outcome switch
        {
            EditOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            EditOutcome.NotFound => EditResponses.NotFound(result),
            EditOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
            _ => TypedResults.Ok(Reload(store, edits, id)),
        };
    }

    private static Created<ProposalResponse> Created(Store store, long id, OrganizationEdits edits) =>
        TypedResults.Created($"/api/v1/proposals/{id}", Reload(store, edits, id));

    private static ProposalResponse Reload(Store store, OrganizationEdits edits, long id)
    {
        using var connection = store.Open();
        var proposal = Proposals.Get(connection, id)!;
        return ProposalResponse.From(proposal, edits.Compare(proposal));
    }
}
