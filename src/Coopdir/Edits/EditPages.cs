using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>
/// "Suggest an edit": the form on each organization. Editors' and claimers' edits apply at once (a
/// stale one gets the conflict page); everyone else's become proposals.
/// </summary>
public static class EditPages
{
    // Read from the primary: the form's base revision goes back with the edit.
    internal static async Task<IResult> Form(long id, Store store, ClaimsPrincipal principal)
    {
        await using var connection = await store.OpenAsync();
        var organization = await OrganizationQueries.GetAsync(connection, id);
        if (organization is null) return NotFoundPages.Organization(id);
        return new RazorComponentResult<SuggestEditPage>(new
        {
            Organization = organization,
            Direct = await OrganizationEdits.CanApplyDirectlyAsync(connection, principal.ToUser()!, ProposalActions.Update, id),
        });
    }

    internal static async Task<IResult> Submit(long id, IFormCollection form, Store store, ClaimsPrincipal principal, OrganizationEdits edits)
    {
        var user = principal.ToUser()!;
        Organization? organization;
        bool direct;
        string? baseJson = null;
        var baseRevision = 0;
        // Closed before the edit opens connections of its own.
        await using (var connection = await store.OpenAsync())
        {
            organization = await OrganizationQueries.GetAsync(connection, id);
            if (organization is null) return NotFoundPages.Organization(id);
            direct = await OrganizationEdits.CanApplyDirectlyAsync(connection, user, ProposalActions.Update, id);
            if (int.TryParse(form["base_revision"], NumberStyles.None, CultureInfo.InvariantCulture, out baseRevision))
                baseJson = (await Revisions.GetAsync(connection, id, baseRevision))?.AfterJson;
        }
        if (baseJson is null)
            return Invalid(organization, direct, [new FieldError("base_revision", "is missing; reload the page")], form);
        var @base = JsonNode.Parse(baseJson)!.AsObject();
        var (patch, errors) = EditFormPatch.Build(form, @base);
        if (errors.Count > 0) return Invalid(organization, direct, errors, form);
        if (patch.Count == 0) return Invalid(organization, direct, [new FieldError("form", "nothing was changed")], form);

        var request = new EditRequest(ProposalActions.Update, id, baseRevision, patch, form["summary"].ToString());
        var result = direct ? await edits.ApplyDirectlyAsync(user, request) : await edits.ProposeAsync(user, request);
        return result.Outcome switch
        {
            EditOutcome.Invalid => Invalid(organization, direct, result.Errors!, form),
            EditOutcome.Conflict when result.Record is null => NotFoundPages.Organization(id),
            EditOutcome.Conflict => new RazorComponentResult<ConflictPage>(new
            {
                Organization = organization,
                Fields = ThreeWayDiff.Of(@base, FieldDiff.ToObject(result.Record!.Content),
                    MergePatch.Apply(@base, patch)!.AsObject()),
            }) { StatusCode = StatusCodes.Status409Conflict },
            EditOutcome.Queued => TypedResults.Redirect($"/proposals/{result.ProposalId}/sent"),
            EditOutcome.NotFound => NotFoundPages.Organization(id),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.Redirect($"/organizations/{id}"),
        };
    }

    internal static Task<IResult> ProposeMerge(long id, IFormCollection form, Store store, ClaimsPrincipal principal, OrganizationEdits edits) =>
        ProposeWholeAsync(id, ProposalActions.Merge,
            long.TryParse(form["merge_into"], NumberStyles.None, CultureInfo.InvariantCulture, out var into) ? into : null, form, store, principal, edits);

    internal static Task<IResult> ProposeRemoval(long id, IFormCollection form, Store store, ClaimsPrincipal principal, OrganizationEdits edits) =>
        ProposeWholeAsync(id, ProposalActions.Delete, null, form, store, principal, edits);

    // A merge or a removal: about the whole record, so there is no patch.
    private static async Task<IResult> ProposeWholeAsync(long id, string action, long? mergeInto, IFormCollection form, Store store, ClaimsPrincipal principal, OrganizationEdits edits)
    {
        var organization = await OrganizationQueries.FindAsync(store, id, forEditing: true);
        if (organization is null) return NotFoundPages.Organization(id);
        var user = principal.ToUser()!;
        var result = await edits.ProposeAsync(user, new EditRequest(action, id, organization.Revision, null, form["summary"].ToString(), mergeInto));
        return result.Outcome switch
        {
            EditOutcome.Queued => TypedResults.Redirect($"/proposals/{result.ProposalId}/sent"),
            EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect(action == ProposalActions.Merge ? $"/organizations/{mergeInto}" : "/"),
            _ => new RazorComponentResult<SuggestEditPage>(new { Organization = organization, Direct = user.Can(Roles.Editor), Errors = result.Errors ?? [] })
            {
                StatusCode = result.Outcome == EditOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            },
        };
    }

    // A blank record for the form; nothing about it is stored.
    private static Organization Blank() => new(0, "", new OrganizationContent { Name = "", Kind = "cooperative" }, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0);

    internal static RazorComponentResult<SuggestEditPage> NewForm(ClaimsPrincipal principal) =>
        new(new { Organization = Blank(), IsNew = true, Direct = principal.ToUser()!.Can(Roles.Editor) });

    internal static async Task<IResult> SubmitNew(IFormCollection form, ClaimsPrincipal principal, OrganizationEdits edits)
    {
        var user = principal.ToUser()!;
        var direct = user.Can(Roles.Editor);
        var (patch, errors) = EditFormPatch.Build(form, new JsonObject());
        var result = errors.Count > 0
            ? EditResult.Invalid(errors)
            : await edits.ProposeAsync(user, new EditRequest(ProposalActions.Create, null, null, patch, form["summary"].ToString()));
        return result.Outcome switch
        {
            EditOutcome.Applied => TypedResults.Redirect($"/organizations/{result.OrganizationId}"),
            EditOutcome.Queued => TypedResults.Redirect($"/proposals/{result.ProposalId}/sent"),
            _ => new RazorComponentResult<SuggestEditPage>(new { Organization = Blank(), IsNew = true, Direct = direct, Errors = result.Errors ?? [], Submitted = form })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            },
        };
    }

    private static RazorComponentResult<SuggestEditPage> Invalid(Organization organization, bool direct, IReadOnlyList<FieldError> errors, IFormCollection form) =>
        new(new { Organization = organization, Direct = direct, Errors = errors, Submitted = form }) { StatusCode = StatusCodes.Status400BadRequest };
}
