using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Organizations;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>Direct edits (JSON Merge Patch with If-Match), history and revert over the API.</summary>
public static class OrganizationEditsApi
{
    public const string MergePatchType = "application/merge-patch+json";

    public static void MapOrganizationEditsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations/{id:long}").WithTags("Organizations");
        group.MapPatch("", Patch).RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes)
            .Accepts<JsonObject>(MergePatchType)
            .WithSummary("Edit directly with a JSON Merge Patch (editors, admins, verified claimers); needs If-Match")
            .WithDescription("The patch is applied to the shape GET returns. `summary` says what changed and why. A stale If-Match gets 412 with the current version.");
        group.MapGet("/revisions", History).WithSummary("Every revision of the record, newest first, with field-by-field changes");
        group.MapPost("/revisions/{revision:int}/revert", Revert).RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Undo one revision, as a new revision (editors and above, verified claimers)");
    }

    private static async Task<Results<Ok<OrganizationDetail>, Accepted<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        long id, HttpRequest request, HttpResponse response, ClaimsPrincipal principal, OrganizationEdits edits, Store store, string? summary = null)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MergePatchType, StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(detail: $"Send the patch as {MergePatchType} (RFC 7396).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        var current = OrganizationsApi.Find(store, id.ToString(CultureInfo.InvariantCulture));
        if (current is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return TypedResults.Problem(detail: "Send If-Match with the ETag of the version you edited, so that no one's change is overwritten.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required");
        int? expected = ifMatch == "*" ? current.Revision : int.TryParse(ifMatch.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (expected is null) return Problems.InvalidParameters([new("If-Match", $"'{ifMatch}' is not an ETag of this record, such as \"{current.Revision}\"")]);

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException e)
        {
            return Problems.InvalidParameters([new("patch", $"is not valid JSON: {e.Message}")]);
        }
        var result = edits.ApplyDirectly(principal.ToUser()!,
            new EditRequest(ProposalActions.Update, id, expected, patch, string.IsNullOrWhiteSpace(summary) ? "Edited through the API" : summary));
        switch (result.Outcome)
        {
            case EditOutcome.Invalid: return Problems.InvalidParameters(result.Errors!);
            case EditOutcome.Forbidden: return EditResponses.Forbidden(result.Detail);
            case EditOutcome.NotFound: return EditResponses.NotFound(result);
            case EditOutcome.Conflict: return EditResponses.Conflict(store, result, StatusCodes.Status412PreconditionFailed, response);
            case EditOutcome.Queued:
                using (var connection = store.Open())
                {
                    var proposal = Proposals.Get(connection, result.ProposalId!.Value)!;
                    return TypedResults.Accepted($"/api/v1/proposals/{proposal.Id}", ProposalResponse.From(proposal));
                }
            default:
                var updated = OrganizationsApi.Find(store, id.ToString(CultureInfo.InvariantCulture))!;
                response.Headers.ETag = $"\"{updated.Revision}\"";
                return TypedResults.Ok(OrganizationDetail.From(updated));
        }
    }

    private static Results<Ok<IReadOnlyList<RevisionDetail>>, ProblemHttpResult> History(long id, Store store)
    {
        using var connection = store.Open();
        var revisions = Revisions.Of(connection, id);
        return revisions.Count == 0
            ? Problems.NotFound($"There is no organization with id '{id}'.")
            : TypedResults.Ok<IReadOnlyList<RevisionDetail>>(revisions.Select(RevisionDetail.From).ToList());
    }

    private static Results<Ok<OrganizationDetail>, ValidationProblem, ProblemHttpResult> Revert(
        long id, int revision, HttpRequest request, HttpResponse response, ClaimsPrincipal principal, OrganizationEdits edits, Store store)
    {
        var ifMatch = request.Headers.IfMatch.ToString().Trim('"', ' ');
        int? expected = int.TryParse(ifMatch, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var result = edits.Revert(principal.ToUser()!, id, revision, expected);
        switch (result.Outcome)
        {
            case EditOutcome.Invalid: return Problems.InvalidParameters(result.Errors!);
            case EditOutcome.Forbidden: return EditResponses.Forbidden(result.Detail);
            case EditOutcome.NotFound: return EditResponses.NotFound(result);
            case EditOutcome.Conflict:
                return EditResponses.Conflict(store, result, expected is null ? StatusCodes.Status409Conflict : StatusCodes.Status412PreconditionFailed, response);
            default:
                var updated = OrganizationsApi.Find(store, id.ToString(CultureInfo.InvariantCulture))!;
                response.Headers.ETag = $"\"{updated.Revision}\"";
                return TypedResults.Ok(OrganizationDetail.From(updated));
        }
    }
}
