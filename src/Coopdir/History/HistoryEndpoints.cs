using System.Globalization;
using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Edits;
using Coopdir.Organizations;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.History;

/// <summary>
/// A record's revisions with their field-by-field changes, and undoing one, over the API and on the
/// history page (<see cref="HistoryPages"/>); the recent changes page and its Atom feed.
/// </summary>
public static class HistoryEndpoints
{
    public static void MapHistory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations/{id:long}").WithTags("Organizations");
        api.MapGet("/revisions", History)
            .WithSummary($"The record's revisions, newest first, {RevisionWindow.Size} a page (before= or after= a revision number; a Link header names the next), with field-by-field changes");
        var apiWrites = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        apiWrites.MapPost("/revisions/{revision:int}/revert", Revert)
            .WithSummary("Undo one revision, as a new revision (editors and above, verified claimers)");

        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("/organizations/{id:long}/history", HistoryPages.History);
        var pageWrites = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        pageWrites.MapPost("/organizations/{id:long}/revisions/{revision:int}/revert", HistoryPages.Revert);
        pages.MapGet("/changes", HistoryPages.Recent);
        pages.MapGet("/changes.atom", HistoryPages.Atom);
    }

    private static async Task<Results<Ok<IReadOnlyList<RevisionDetail>>, ValidationProblem, ProblemHttpResult>> History(
        long id, Store store, HttpResponse response, string? before = null, string? after = null)
    {
        if (HistoryPages.WindowOf(before, after) is not { } window)
            return Problems.InvalidParameters([new(after is null ? "before" : "after", HistoryPages.WindowRule)]);
        await using var connection = await store.OpenForReadingAsync();
        var page = await Revisions.PageOfAsync(connection, id, window);
        if (page.Entries.Count == 0 && !await Revisions.ExistsAsync(connection, id))
            return Problems.NotFound($"There is no organization with id '{id}'.");
        // RFC 8288 links keep the body a plain list, as it was before the history was paged.
        var links = new List<string>();
        if (page.OlderBefore is { } older) links.Add($"</api/v1/organizations/{id}/revisions?before={older}>; rel=\"next\"");
        if (page.NewerAfter is { } newer) links.Add($"</api/v1/organizations/{id}/revisions?after={newer}>; rel=\"prev\"");
        if (links.Count > 0) response.Headers.Link = string.Join(", ", links);
        return TypedResults.Ok<IReadOnlyList<RevisionDetail>>(page.Entries.Select(RevisionDetail.From).ToList());
    }

    private static async Task<Results<Ok<OrganizationDetail>, ValidationProblem, ProblemHttpResult>> Revert(
        long id, int revision, HttpRequest request, HttpResponse response, ClaimsPrincipal principal, OrganizationEdits edits)
    {
        var ifMatch = request.Headers.IfMatch.ToString().Trim('"', ' ');
        int? expected = int.TryParse(ifMatch, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var result = await edits.RevertAsync(principal.ToUser()!, id, revision, expected);
        switch (result.Outcome)
        {
            case EditOutcome.Invalid: return Problems.InvalidParameters(result.Errors!);
            case EditOutcome.Forbidden: return EditResponses.Forbidden(result.Detail);
            case EditOutcome.NotFound: return EditResponses.NotFound(result);
            case EditOutcome.Conflict:
                return EditResponses.Conflict(result, expected is null ? StatusCodes.Status409Conflict : StatusCodes.Status412PreconditionFailed, response);
            default:
                response.Headers.ETag = $"\"{result.Record!.Revision}\"";
                return TypedResults.Ok(OrganizationDetail.From(result.Record));
        }
    }
}
