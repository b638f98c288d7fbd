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
using Coopdir.Review;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>
/// Direct edits: a JSON Merge Patch with If-Match over the API, and the "suggest an edit" forms
/// (<see cref="EditPages"/>) for a new organization, an edit, a merge or a removal. Editors' and
/// verified claimers' edits apply at once; everyone else's become proposals (see Review).
/// </summary>
public static class EditsEndpoints
{
    public const string MergePatchType = "application/merge-patch+json";

    public static void MapEdits(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations/{id:long}").WithTags("Organizations")
            .RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        api.MapPatch("", Patch)
            .Accepts<JsonObject>(MergePatchType)
            .WithSummary("Edit directly with a JSON Merge Patch (editors, admins, verified claimers); needs If-Match")
            .WithDescription("The patch is applied to the shape GET returns. `summary` says what changed and why. A stale If-Match gets 412 with the current version.");

        var pages = app.MapGroup("/organizations").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Contributor));
        pages.MapGet("/new", EditPages.NewForm);
        pages.MapGet("/{id:long}/edit", EditPages.Form);
        var forms = pages.MapGroup("").RequireRateLimiting(RateLimits.Writes);
        forms.MapPost("/new", EditPages.SubmitNew);
        forms.MapPost("/{id:long}/edit", EditPages.Submit);
        forms.MapPost("/{id:long}/propose-merge", EditPages.ProposeMerge);
        forms.MapPost("/{id:long}/propose-removal", EditPages.ProposeRemoval);
    }

    private static async Task<Results<Ok<OrganizationDetail>, Accepted<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        long id, HttpRequest request, HttpResponse response, ClaimsPrincipal principal, OrganizationEdits edits, Store store, string? summary = null)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MergePatchType, StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(detail: $"Send the patch as {MergePatchType} (RFC 7396).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return TypedResults.Problem(detail: "Send If-Match with the ETag of the version you edited, so that no one's change is overwritten.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required");
        // "*": whatever revision is current when the edit is prepared.
        int? expected = int.TryParse(ifMatch.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (expected is null && ifMatch != "*")
            return Problems.InvalidParameters([new("If-Match", $"'{ifMatch}' is not an ETag of this record, such as \"1\" (the ETag of GET /api/v1/organizations/{id})")]);

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Problems.InvalidParameters([new("patch", $"is not valid JSON: {e.Message}")]);
        }
        var result = await edits.ApplyDirectlyAsync(principal.ToUser()!,
            new EditRequest(ProposalActions.Update, id, expected, patch, string.IsNullOrWhiteSpace(summary) ? "Edited through the API" : summary));
        switch (result.Outcome)
        {
            case EditOutcome.Invalid: return Problems.InvalidParameters(result.Errors!);
            case EditOutcome.Forbidden: return EditResponses.Forbidden(result.Detail);
            case EditOutcome.NotFound: return EditResponses.NotFound(result);
            case EditOutcome.Conflict: return EditResponses.Conflict(result, StatusCodes.Status412PreconditionFailed, response);
            case EditOutcome.Queued:
                await using (var connection = await store.OpenAsync())
                {
                    var proposal = (await Proposals.GetAsync(connection, result.ProposalId!.Value))!;
                    return TypedResults.Accepted($"/api/v1/proposals/{proposal.Id}", ProposalResponse.From(proposal));
                }
            default:
                response.Headers.ETag = $"\"{result.Record!.Revision}\"";
                return TypedResults.Ok(OrganizationDetail.From(result.Record));
        }
    }
}
