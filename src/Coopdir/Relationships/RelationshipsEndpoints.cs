using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Edits;
using Coopdir.Review;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Relationships;

/// <summary>
/// Relationships between organizations: add one, speak on one (assert, deny, end), list, read one and
/// its history; over the API and on the relationship pages (<see cref="RelationshipPages"/>). Who may
/// say what is <see cref="RelationshipEdits"/>'s to decide.
/// </summary>
public static class RelationshipsEndpoints
{
    public const int MaxBodyBytes = Core.Input.InputLimits.TinyBodyBytes;

    public static void MapRelationships(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/relationships").WithTags("Relationships");
        api.MapGet("", List).WithSummary("Relationships, filtered by type, status, subject and object, 50 a page");
        api.MapGet("/{id:long}", Get).WithSummary("One relationship with its assertions and computed status");
        api.MapGet("/{id:long}/history", History).WithSummary("Each change to the relationship, newest first, with its status before and after");
        var writes = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        writes.MapPost("", Add)
            .WithSummary("Add a relationship: applied for editors and verified claimers of either organization, else proposed")
            .WithDescription("Body: subject_id, object_id, type (see /vocabularies/relationship), start_date, end_date, note, evidence_url. Who asserts it follows from the caller.");
        writes.MapPost("/{id:long}/assertions", Assert)
            .WithSummary("Speak on a relationship: party subject or object (its verified claimer) or third (editors); stance asserts, denies or ends");
        app.MapGet("/api/v1/organizations/{id:long}/relationships", OfOrganization).WithTags("Organizations")
            .WithSummary("The organization's relationships, its own and those naming it");

        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("/relationships/{id:long}", RelationshipPages.Show);
        var forms = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor));
        forms.MapGet("/organizations/{id:long}/relationships/new", RelationshipPages.NewForm);
        var posts = forms.MapGroup("").RequireRateLimiting(RateLimits.Writes);
        posts.MapPost("/organizations/{id:long}/relationships", RelationshipPages.Add);
        posts.MapPost("/relationships/{id:long}/assertions", RelationshipPages.Assert);
        posts.MapPost("/relationships/{id:long}/revisions/{revision:int}/revert", RelationshipPages.Revert);
    }

    public sealed record ListQuery(string? Type, string? Status, long? Subject, long? Object, int? Page);

    private static async Task<Results<Ok<RelationshipList>, ValidationProblem>> List([AsParameters] ListQuery query, Store store)
    {
        var errors = new List<FieldError>();
        if (query.Type is not null) RelationshipRules.CheckType(query.Type, "type", (field, message) => errors.Add(new(field, message)));
        var status = RelationshipText.Parse<RelationshipStatusCode>(query.Status);
        if (query.Status is not null && status is null) errors.Add(new("status", $"'{query.Status}' is not one of {string.Join(", ", RelationshipText.Statuses)}"));
        var page = query.Page ?? 1;
        if (page is < 1 or > 100_000) errors.Add(new("page", "must be between 1 and 100000"));
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        var (items, total) = await RelationshipQueries.ListAsync(connection, new RelationshipFilter(query.Type, status, query.Subject, query.Object), page);
        return TypedResults.Ok(new RelationshipList(total, page, RelationshipQueries.PageSize, items.Select(RelationshipDetail.From).ToList()));
    }

    private static async Task<Results<Ok<RelationshipDetail>, ProblemHttpResult>> Get(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await RelationshipQueries.GetAsync(connection, id) is { } relationship
            ? TypedResults.Ok(RelationshipDetail.From(relationship))
            : Problems.NotFound($"There is no relationship {id}.");
    }

    private static async Task<Results<Ok<IReadOnlyList<RelationshipStepDetail>>, ProblemHttpResult>> History(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        if (await RelationshipQueries.GetAsync(connection, id) is not { } relationship) return Problems.NotFound($"There is no relationship {id}.");
        var steps = await RelationshipQueries.HistoryAsync(connection, relationship);
        return TypedResults.Ok<IReadOnlyList<RelationshipStepDetail>>(steps.Select(RelationshipStepDetail.From).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<RelationshipDetail>>, ProblemHttpResult>> OfOrganization(long id, Store store)
    {
        var organization = await OrganizationQueries.FindAsync(store, id);
        return organization is null
            ? Problems.NotFound($"There is no organization with id '{id}'.")
            : TypedResults.Ok<IReadOnlyList<RelationshipDetail>>(organization.Relationships.Select(RelationshipDetail.From).ToList());
    }

    private static async Task<IResult> Add(HttpRequest request, ClaimsPrincipal principal, RelationshipEdits edits, Store store)
    {
        var (body, problem) = await JsonBody.ReadAsync<RelationshipRequest>(request, MaxBodyBytes);
        if (problem is not null) return problem;
        var result = await edits.AddAsync(principal.ToUser()!, body!.ToDraft());
        return await AnswerAsync(result, store, created: true);
    }

    private static async Task<IResult> Assert(long id, HttpRequest request, ClaimsPrincipal principal, RelationshipEdits edits, Store store)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssertionRequest>(request, MaxBodyBytes);
        if (problem is not null) return problem;
        var (party, stance, errors) = body!.Parse();
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        var result = await edits.AssertAsync(principal.ToUser()!, id, party!.Value, stance!.Value, body.EvidenceUrl);
        return await AnswerAsync(result, store, created: false);
    }

    private static async Task<IResult> AnswerAsync(RelationshipEditResult result, Store store, bool created)
    {
        switch (result.Outcome)
        {
            case EditOutcome.Invalid: return Problems.InvalidParameters(result.Errors!);
            case EditOutcome.Forbidden: return EditResponses.Forbidden(result.Detail);
            case EditOutcome.NotFound: return Problems.NotFound(result.Detail ?? "Not found.");
            case EditOutcome.Conflict: return TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        await using var connection = await store.OpenAsync();
        if (result.Outcome == EditOutcome.Queued)
        {
            var proposal = (await Proposals.GetAsync(connection, result.ProposalId!.Value))!;
            return TypedResults.Accepted($"/api/v1/proposals/{proposal.Id}", ProposalResponse.From(proposal));
        }
        var detail = RelationshipDetail.From((await RelationshipQueries.GetAsync(connection, result.RelationshipId!.Value))!);
        return created ? TypedResults.Created($"/api/v1/relationships/{detail.Id}", detail) : TypedResults.Ok(detail);
    }
}
