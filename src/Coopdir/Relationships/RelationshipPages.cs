using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Relationships;

/// <summary>
/// A relationship's page (status, assertions, history, and the buttons of whoever may speak on it), and
/// the form that adds one to an organization. The forms post to the same <see cref="RelationshipEdits"/> as the API.
/// </summary>
public static class RelationshipPages
{
    internal static Task<IResult> Show(long id, ClaimsPrincipal principal, Store store) =>
        PageAsync(id, principal, store, [], null, StatusCodes.Status200OK);

    internal static async Task<IResult> Assert(long id, IFormCollection form, ClaimsPrincipal principal, Store store, RelationshipEdits edits)
    {
        var (party, stance, errors) = new AssertionRequest(form["party"].ToString(), form["stance"].ToString(), Optional(form, "evidence_url")).Parse();
        if (errors.Count > 0) return await PageAsync(id, principal, store, errors, null, StatusCodes.Status400BadRequest);
        var result = await edits.AssertAsync(principal.ToUser()!, id, party!.Value, stance!.Value, Optional(form, "evidence_url"));
        return result.Outcome == EditOutcome.Applied
            ? TypedResults.Redirect($"/relationships/{id}")
            : await PageAsync(id, principal, store, result.Errors ?? [], result.Detail, StatusOf(result));
    }

    /// <summary>
    /// Reverts a revision of the subject's record from the relationship's history, and comes back to the
    /// relationship (to its subject's page when the revert removed it). Who may revert is the record's rule.
    /// </summary>
    internal static async Task<IResult> Revert(long id, int revision, ClaimsPrincipal principal, Store store, OrganizationEdits edits)
    {
        RelationshipView? relationship;
        await using (var connection = await store.OpenAsync()) relationship = await RelationshipQueries.GetAsync(connection, id);
        if (relationship is null) return NotFoundPages.Show($"There is no relationship {id}.");
        var result = await edits.RevertAsync(principal.ToUser()!, relationship.SubjectId, revision, null);
        if (result.Outcome is EditOutcome.Applied or EditOutcome.Unchanged)
        {
            await using var connection = await store.OpenAsync();
            return TypedResults.Redirect(await RelationshipQueries.GetAsync(connection, id) is null ? $"/organizations/{relationship.SubjectId}" : $"/relationships/{id}");
        }
        var status = result.Outcome switch
        {
            EditOutcome.Forbidden => StatusCodes.Status403Forbidden,
            EditOutcome.NotFound => StatusCodes.Status404NotFound,
            EditOutcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return await PageAsync(id, principal, store, result.Errors ?? [], result.Detail ?? $"Revision {revision} could not be reverted.", status);
    }

    internal static async Task<IResult> NewForm(long id, HttpRequest request, Store store)
    {
        var organization = await OrganizationQueries.FindAsync(store, id, forEditing: true);
        if (organization is null) return NotFoundPages.Organization(id);
        // A link may fill the form in (say, to confirm a party a solution's source names); the person still submits it.
        var prefilled = request.Query.Count == 0 ? null : new FormCollection(request.Query.ToDictionary(q => q.Key, q => q.Value));
        return new RazorComponentResult<NewRelationshipPage>(new { Organization = organization, Submitted = prefilled });
    }

    internal static async Task<IResult> Add(long id, IFormCollection form, ClaimsPrincipal principal, Store store, RelationshipEdits edits)
    {
        var organization = await OrganizationQueries.FindAsync(store, id, forEditing: true);
        if (organization is null) return NotFoundPages.Organization(id);
        var other = OtherId(form["other"].ToString());
        // The form adds the relationship with this organization on either end.
        var outgoing = form["direction"].ToString() != "incoming";
        var draft = new RelationshipDraft(outgoing ? id : other ?? 0, outgoing ? other ?? 0 : id, form["type"].ToString(),
            Optional(form, "start_date"), Optional(form, "end_date"), Optional(form, "note"), Optional(form, "evidence_url"));
        var result = other is null
            ? RelationshipEditResult.Invalid("other", $"'{form["other"]}' is not an organization's id or address, such as 42 or /organizations/42")
            : await edits.AddAsync(principal.ToUser()!, draft);
        return result.Outcome switch
        {
            EditOutcome.Applied => TypedResults.Redirect($"/relationships/{result.RelationshipId}"),
            EditOutcome.Queued => TypedResults.Redirect($"/proposals/{result.ProposalId}"),
            _ => new RazorComponentResult<NewRelationshipPage>(new
            {
                Organization = organization,
                Errors = result.Errors ?? [new FieldError("relationship", result.Detail ?? "could not be added")],
                Submitted = form,
            }) { StatusCode = StatusOf(result) },
        };
    }

    private static async Task<IResult> PageAsync(long id, ClaimsPrincipal principal, Store store, IReadOnlyList<FieldError> errors, string? detail, int status)
    {
        await using var connection = await store.OpenAsync();
        var relationship = await RelationshipQueries.GetAsync(connection, id);
        if (relationship is null) return NotFoundPages.Show($"There is no relationship {id}.");
        var user = principal.ToUser();
        var speaksFor = new List<Party>();
        if (user is not null)
        {
            if (await ListingClaims.IsVerifiedClaimerAsync(connection, relationship.SubjectId, user.Id)) speaksFor.Add(Party.Subject);
            if (await ListingClaims.IsVerifiedClaimerAsync(connection, relationship.ObjectId, user.Id)) speaksFor.Add(Party.Object);
            if (user.Can(Roles.Editor)) speaksFor.Add(Party.Third);
        }
        return new RazorComponentResult<RelationshipPage>(new
        {
            Relationship = relationship,
            Steps = await RelationshipQueries.HistoryAsync(connection, relationship),
            SpeaksFor = speaksFor,
            CanRevert = user is not null && await OrganizationEdits.CanApplyDirectlyAsync(connection, user, ProposalActions.Update, relationship.SubjectId),
            Errors = errors,
            Detail = detail,
        }) { StatusCode = status };
    }

    /// <summary>"42", "/organizations/42" or a full URL ending so.</summary>
    private static long? OtherId(string text)
    {
        var last = text.Trim().TrimEnd('/').Split('/').LastOrDefault();
        return long.TryParse(last, out var id) && id > 0 ? id : null;
    }

    private static string? Optional(IFormCollection form, string name) =>
        string.IsNullOrWhiteSpace(form[name].ToString()) ? null : form[name].ToString().Trim();

    private static int StatusOf(RelationshipEditResult result) => result.Outcome switch
    {
        EditOutcome.Forbidden => StatusCodes.Status403Forbidden,
        EditOutcome.NotFound => StatusCodes.Status404NotFound,
        EditOutcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
