using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir;

/// <summary>RFC 9457 problem details for the API's expected failures.</summary>
public static class Problems
{
    /// <summary>400 naming every parameter that was wrong, under "errors" and in the detail.</summary>
    public static ValidationProblem InvalidParameters(IReadOnlyList<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            title: "Invalid request parameters");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
