using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Problems;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.ReportedProblems;

/// <summary>
/// "Report a problem": anyone may leave a note on a record (API and the form on its page, rate-limited
/// per client address); editors and reviewers list open notes and mark them handled (API and the
/// /problems page, <see cref="ProblemReportPages"/>).
/// </summary>
public static class ProblemReportsEndpoints
{
    /// <summary>The largest body a report may come in, JSON or form: 2,000 characters of text can take 8 KB as UTF-8, more once escaped.</summary>
    public const int MaxBodyBytes = Core.Input.InputLimits.TinyBodyBytes;

    public static void MapProblemReports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Problem reports");
        api.MapPost("/organizations/{id:long}/problems", Report).RequireRateLimiting(RateLimits.ProblemReports)
            .WithSummary("Report a problem with a record (no account needed)")
            .WithDescription($"JSON body {{\"text\", \"contact\"}}: text required, plain text, at most {ProblemReports.MaxTextLength:N0} characters; contact optional, at most {ProblemReports.MaxContactLength}, seen only by editors and reviewers. At most {MaxBodyBytes / 1024} KB.");
        var reviewing = api.MapGroup("/problem-reports").RequireAuthorization(Access.Api(Roles.Editor));
        reviewing.MapGet("", List).WithSummary("Problem reports with a status (default open), oldest first, with their contacts (editors and reviewers)");
        reviewing.MapPost("/{id:long}/handled", MarkHandled).RequireRateLimiting(RateLimits.Writes).WithSummary("Mark a problem report handled (editors and reviewers)");

        app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(RefuseTooLarge).RequireAntiforgery()
            .MapPost("/organizations/{id:long}/problems", ProblemReportPages.Report).RequireRateLimiting(RateLimits.ProblemReports)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        var review = pages.MapGroup("/problem-reports").RequireAuthorization(Access.Web(Roles.Editor));
        review.MapGet("", ProblemReportPages.Queue);
        review.MapPost("/{id:long}/handled", ProblemReportPages.MarkHandled).RequireRateLimiting(RateLimits.Writes);
    }

    // Reads the form before anything else does (anti-forgery would fail on it with a 500), so that one past the limit is a 413.
    private static async ValueTask<object?> RefuseTooLarge(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.HasFormContentType)
            return TypedResults.Problem(detail: "Send the report as a form (application/x-www-form-urlencoded).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        try
        {
            await context.HttpContext.Request.ReadFormAsync();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(detail: $"The report is larger than {MaxBodyBytes / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }
        return await next(context);
    }

    private static async Task<IResult> Report(long id, HttpRequest request, Store store, TimeProvider clock)
    {
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the report as application/json.");
        var (body, problem) = await JsonBody.ReadAsync<ProblemReportRequest>(request, MaxBodyBytes);
        if (problem is not null) return problem;
        var result = await new ProblemReports(store, clock).AddAsync(id, body!.Text, body.Contact);
        return result.Outcome switch
        {
            ProblemReportOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            ProblemReportOutcome.NotFound => Problems.NotFound($"There is no organization with id '{id}'."),
            ProblemReportOutcome.Spam => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused as spam", detail: result.Detail),
            _ => TypedResults.Created($"/api/v1/problem-reports/{result.Report!.Id}", ProblemReportResponse.From(result.Report, withContact: false)),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ProblemReportResponse>>, ValidationProblem>> List(Store store, string? status = null)
    {
        status ??= ProblemReports.Open;
        if (!ProblemReports.Statuses.Contains(status))
            return Problems.InvalidParameters([new("status", $"'{status}' is not one of {string.Join(", ", ProblemReports.Statuses)}")]);
        await using var connection = await store.OpenAsync();
        return TypedResults.Ok<IReadOnlyList<ProblemReportResponse>>(
            (await ProblemReports.WithStatusAsync(connection, status)).Select(r => ProblemReportResponse.From(r, withContact: true)).ToList());
    }

    private static async Task<Results<Ok<ProblemReportResponse>, ProblemHttpResult>> MarkHandled(long id, ClaimsPrincipal principal, Store store, TimeProvider clock)
    {
        var report = await new ProblemReports(store, clock).MarkHandledAsync(id, principal.ToUser()!.Name);
        return report is null ? Problems.NotFound($"There is no problem report {id}.") : TypedResults.Ok(ProblemReportResponse.From(report, withContact: true));
    }
}
