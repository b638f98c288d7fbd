using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Problems;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.ReportedProblems;

/// <summary>The report form's answers, and the /problems page where editors and reviewers work through open reports.</summary>
public static class ProblemReportPages
{
    // The form was read by ProblemReportsEndpoints' size check; it is not bound, as binding answers a form too large with a bare 400.
    internal static async Task<IResult> Report(long id, HttpRequest request, Store store, TimeProvider clock)
    {
        var form = await request.ReadFormAsync();
        var (text, contact) = (form["text"].ToString(), form["contact"].ToString());
        var result = await new ProblemReports(store, clock).AddAsync(id, text, contact);
        return result.Outcome switch
        {
            ProblemReportOutcome.Added => TypedResults.Redirect($"/organizations/{id}#problem-reports"),
            ProblemReportOutcome.NotFound => NotFoundPages.Organization(id),
            _ => new RazorComponentResult<ProblemReportPage>(new
            {
                OrganizationId = id,
                Text = text,
                Contact = contact,
                Errors = result.Errors ?? [new("text", result.Detail!)],
            }) { StatusCode = result.Outcome == ProblemReportOutcome.Spam ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest },
        };
    }

    internal static async Task<RazorComponentResult<ProblemReportsPage>> Queue(Store store)
    {
        await using var connection = await store.OpenAsync();
        return new RazorComponentResult<ProblemReportsPage>(new { Reports = await ProblemReports.WithStatusAsync(connection, ProblemReports.Open) });
    }

    internal static async Task<IResult> MarkHandled(long id, ClaimsPrincipal principal, Store store, TimeProvider clock) =>
        await new ProblemReports(store, clock).MarkHandledAsync(id, principal.ToUser()!.Name) is null
            ? NotFoundPages.Show($"There is no problem report {id}.")
            : TypedResults.Redirect("/problem-reports");
}
