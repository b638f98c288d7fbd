using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Edits;

/// <summary>The API's answers for an edit that did not apply: problem details naming what was wrong.</summary>
public static class EditResponses
{
    public static ProblemHttpResult Forbidden(string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    public static ProblemHttpResult NotFound(EditResult result) => Problems.NotFound(result.Detail ?? "Not found.");

    /// <summary>412 (a stale If-Match) or 409 (a stale proposal or revert) with the current version of the record.</summary>
    public static ProblemHttpResult Conflict(EditResult result, int status, HttpResponse response)
    {
        var current = result.Record;
        if (current is not null) response.Headers.ETag = $"\"{current.Revision}\"";
        return TypedResults.Problem(
            detail: result.Detail, statusCode: status,
            title: status == StatusCodes.Status412PreconditionFailed ? "The record has changed" : "Conflict",
            extensions: new Dictionary<string, object?>
            {
                ["current_revision"] = current?.Revision,
                ["current"] = current is null ? null : OrganizationDetail.From(current),
            });
    }
}
