using System.Security.Claims;
using System.Text.Json;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Changes;
using Coopdir.Core.CivicProblems;
using Coopdir.Core.Data;
using Coopdir.Edits;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.CivicProblems;

/// <summary>
/// Problems and bounties: municipalities and digital service teams post problems, co-ops and people respond,
/// the poster accepts one response and marks the problem solved with a shared solution. The API (writes take a
/// bearer token), the problems' changes feed, the downloads and the Atom feed here; the pages in <see cref="ProblemPages"/>.
/// </summary>
public static class ProblemsEndpoints
{
    public static IServiceCollection AddCivicProblems(this IServiceCollection services) => services.AddSingleton<ProblemEdits>();

    public static void MapCivicProblems(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/problems").WithTags("Problems and bounties");
        api.MapGet("", List).WithSummary("Published problems, newest first, filtered by area (and everything within it), category and status");
        api.MapGet("/{id:long}", Get).WithSummary("One problem with its published responses");
        api.MapGet("/{id:long}/history", History).WithSummary("Every revision of a problem, newest first, with its record before and after");
        // JsonBody reads at most ProblemInput.MaxBodyBytes and answers 413 past it.
        var writing = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.Writes);
        writing.MapPost("", Post).WithSummary("Post a problem for a municipality or digital service team whose verified claimer you are");
        writing.MapPost("/{id:long}/responses", Respond).WithSummary("Respond to an open problem with a proposal, for yourself or an organization you verified");
        writing.MapPost("/{id:long}/accept", Accept).WithSummary("The poster accepts one response: the problem is then in progress");
        writing.MapPost("/{id:long}/solve", Solve).WithSummary("The poster marks the problem solved by a shared solution; the poster then uses it (uses_software)");
        writing.MapPost("/{id:long}/close", Close).WithSummary("The poster closes the problem without a solution");
        var review = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        review.MapPost("/{id:long}/approve", (long id, ClaimsPrincipal p, ProblemEdits e) => Review(e.ReviewProblemAsync(p.ToUser()!, id, true)))
            .WithSummary("Publish a problem held for review (maintainers)");
        review.MapPost("/{id:long}/reject", (long id, ClaimsPrincipal p, ProblemEdits e) => Review(e.ReviewProblemAsync(p.ToUser()!, id, false)))
            .WithSummary("Reject a problem held for review (maintainers)");
        review.MapPost("/responses/{id:long}/approve", (long id, ClaimsPrincipal p, ProblemEdits e) => Review(e.ReviewResponseAsync(p.ToUser()!, id, true)))
            .WithSummary("Publish a response held for review (maintainers)");
        review.MapPost("/responses/{id:long}/reject", (long id, ClaimsPrincipal p, ProblemEdits e) => Review(e.ReviewResponseAsync(p.ToUser()!, id, false)))
            .WithSummary("Reject a response held for review (maintainers)");

        app.MapGet("/api/v1/changes/problems", Changes).WithTags("Changes")
            .WithSummary("Every published change of a problem after a cursor, in commit order")
            .WithDescription("The same paging and cursor rules as GET /api/v1/changes, over the problems' own sequence: posted, responded, " +
                "accepted, solved and closed, each with the problem's record after it.");
        var exports = app.MapGroup("").WithTags("Exports");
        foreach (var file in ProblemFiles.All)
            exports.MapGet(file.Url, ([AsParameters] ProblemListRequest request, Store store, HttpContext http, TimeProvider clock) => Download(file, request, store, http, clock))
                .WithSummary(file.Title).WithDescription($"{file.Description} Takes the list's filters (area, category, status); paging is ignored.");
        app.MapGet("/problems.atom", ProblemPages.Atom).WithTags("Problems and bounties")
            .WithSummary("Open problems as Atom, newest first; the list's filters (status defaults to open)");

        ProblemPages.Map(app);
    }

    private static async Task<Results<Ok<ProblemListResponse>, ValidationProblem>> List([AsParameters] ProblemListRequest request, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var (filter, page, size, errors) = request.Parse(await store.Areas.CurrentAsync(connection));
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        var found = await ProblemQueries.ListAsync(connection, await store.Areas.CurrentAsync(connection), filter, (page - 1) * size, size);
        return TypedResults.Ok(new ProblemListResponse(found.Problems.Select(ProblemRecord.From).ToList(), found.Total, page, size));
    }

    private static async Task<Results<Ok<ProblemRecord>, ProblemHttpResult>> Get(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var problem = await ProblemQueries.GetAsync(connection, id);
        return problem is { IsPublished: true } ? TypedResults.Ok(ProblemRecord.From(problem)) : Problems.NotFound($"There is no problem {id}.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ProblemRevisionResponse>>, ProblemHttpResult>> History(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        if (await ProblemQueries.GetAsync(connection, id) is not { IsPublished: true }) return Problems.NotFound($"There is no problem {id}.");
        return TypedResults.Ok<IReadOnlyList<ProblemRevisionResponse>>((await ProblemChanges.OfAsync(connection, id)).Select(r => new ProblemRevisionResponse(
            r.Revision, r.Action, r.Author, r.Summary, r.At, r.BeforeJson is null ? null : JsonDocument.Parse(r.BeforeJson).RootElement.Clone(),
            JsonDocument.Parse(r.AfterJson).RootElement.Clone())).ToList());
    }

    private static async Task<Results<Created<ProblemRecord>, Accepted<QueuedResponse>, ValidationProblem, ProblemHttpResult>> Post(
        HttpRequest request, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var (body, problem) = await ReadAsync<PostProblemRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        return Answer(await edits.PostAsync(principal.ToUser()!, body!.ToDraft()), p => $"/api/v1/problems/{p.Id}");
    }

    private static async Task<Results<Created<ProblemRecord>, Accepted<QueuedResponse>, ValidationProblem, ProblemHttpResult>> Respond(
        long id, HttpRequest request, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var (body, problem) = await ReadAsync<RespondRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        return Answer(await edits.RespondAsync(principal.ToUser()!, id, new ResponseDraft(body!.OrganizationId, body.Text, body.Links)),
            p => $"/api/v1/problems/{p.Id}");
    }

    private static async Task<Results<Ok<ProblemRecord>, ValidationProblem, ProblemHttpResult>> Accept(
        long id, HttpRequest request, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var (body, problem) = await ReadAsync<AcceptRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        if (body!.ResponseId is not { } responseId) return Problems.InvalidParameters([new("response_id", "is required: the response to accept")]);
        return Changed(await edits.AcceptAsync(principal.ToUser()!, id, responseId));
    }

    private static async Task<Results<Ok<ProblemRecord>, ValidationProblem, ProblemHttpResult>> Solve(
        long id, HttpRequest request, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var (body, problem) = await ReadAsync<SolveRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        return Changed(await edits.SolveAsync(principal.ToUser()!, id, body!.SolutionId));
    }

    private static async Task<Results<Ok<ProblemRecord>, ValidationProblem, ProblemHttpResult>> Close(long id, ClaimsPrincipal principal, ProblemEdits edits) =>
        Changed(await edits.CloseAsync(principal.ToUser()!, id));

    private static async Task<Results<Ok<ProblemRecord>, ValidationProblem, ProblemHttpResult>> Review(Task<ProblemResult> review) => Changed(await review);

    private static async Task<Results<Ok<ProblemChangePage>, ValidationProblem>> Changes(
        [FromQuery(Name = "since")] string? since, [FromQuery(Name = "limit")] string? limit, Store store)
    {
        var (after, size, errors) = ChangeFeed.Parse(since, limit);
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenAsync();
        return TypedResults.Ok(await ProblemChanges.ReadAsync(connection, after, size));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Download(ProblemFile file, ProblemListRequest request, Store store, HttpContext http, TimeProvider clock)
    {
        IReadOnlyList<CivicProblem> problems;
        await using (var connection = await store.OpenForReadingAsync())
        {
            var gazetteer = await store.Areas.CurrentAsync(connection);
            var (filter, _, _, errors) = (request with { Page = null, PageSize = null }).Parse(gazetteer);
            if (errors.Count > 0) return Problems.InvalidParameters(errors);
            problems = await ProblemQueries.AllAsync(connection, gazetteer, filter);
        }
        var output = new MemoryStream();
        file.Write(problems, output);
        var name = $"{Path.GetFileNameWithoutExtension(file.Url)}-{clock.GetUtcNow():yyyy-MM-dd}{Path.GetExtension(file.Url)}";
        return TypedResults.File(output.ToArray(), file.MediaType.StartsWith("text/", StringComparison.Ordinal) ? $"{file.MediaType}; charset=utf-8" : file.MediaType, name);
    }

    private static Results<Created<ProblemRecord>, Accepted<QueuedResponse>, ValidationProblem, ProblemHttpResult> Answer(ProblemResult result, Func<CivicProblem, string> location) =>
        result.Outcome switch
        {
            ProblemOutcome.Done => TypedResults.Created(location(result.Problem!), ProblemRecord.From(result.Problem!)),
            ProblemOutcome.Queued => TypedResults.Accepted(location(result.Problem!), new QueuedResponse(ProblemRecord.From(result.Problem!), result.ResponseId, result.Detail!)),
            ProblemOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            _ => Refused(result),
        };

    private static Results<Ok<ProblemRecord>, ValidationProblem, ProblemHttpResult> Changed(ProblemResult result) => result.Outcome switch
    {
        ProblemOutcome.Done => TypedResults.Ok(ProblemRecord.From(result.Problem!)),
        ProblemOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
        _ => Refused(result),
    };

    /// <summary>The problem detail for a change that was refused for another reason than its fields.</summary>
    private static ProblemHttpResult Refused(ProblemResult result) => result.Outcome switch
    {
        ProblemOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
        ProblemOutcome.NotFound => Problems.NotFound(result.Detail!),
        _ => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
    };

    /// <summary>The JSON body, or the problem with it: a <see cref="ValidationProblem"/> naming the field, or a <see cref="ProblemHttpResult"/>.</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class =>
        request.HasJsonContentType()
            ? await JsonBody.ReadAsync<T>(request, ProblemInput.MaxBodyBytes)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as application/json."));

    // Reads a form before anything else does (anti-forgery would fail on one too large with a 500), so that one past the limit is a 413.
    internal static async ValueTask<object?> RefuseTooLarge(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            if (context.HttpContext.Request.HasFormContentType) await context.HttpContext.Request.ReadFormAsync();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(detail: $"The request is larger than {ProblemInput.MaxBodyBytes / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }
        return await next(context);
    }
}
