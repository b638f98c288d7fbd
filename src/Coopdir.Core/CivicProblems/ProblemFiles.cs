using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.CivicProblems;

/// <summary>A download of problems or their responses: its address, media type and how it is written.</summary>
public sealed record ProblemFile(string Url, string MediaType, string Title, string Description, Action<IReadOnlyList<CivicProblem>, Stream> Write);

/// <summary>
/// Problems and responses as open data: CSV (one row per problem, one per response) and JSON (the public
/// records, responses included). Published ones only, with the list's filters; the Atom feed is the web's.
/// </summary>
public static class ProblemFiles
{
    public static readonly IReadOnlyList<ProblemFile> All =
    [
        new("/api/v1/exports/problems.csv", "text/csv", "Problems as CSV",
            "One row per published problem: poster, area (OCD id), category, bounty, deadline, status, accepted response and solution.", ProblemsCsv),
        new("/api/v1/exports/problem-responses.csv", "text/csv", "Problem responses as CSV",
            "One row per published response: the problem, the responding organization or person, the proposal, its links and whether it was accepted.", ResponsesCsv),
        new("/api/v1/exports/problems.json", "application/json", "Problems as JSON",
            "Every published problem as the API gives it, with its published responses.", Json),
    ];

    public static void ProblemsCsv(IReadOnlyList<CivicProblem> problems, Stream output)
    {
        using var csv = new CsvOutput(output);
        csv.Row(["id", "title", "description", "organization_id", "organization_name", "area_id", "area_name", "category", "bounty_amount",
            "bounty_currency", "bounty_currency_id", "deadline", "status", "accepted_response_id", "solution_id", "solution_name", "responses",
            "created_at", "updated_at"]);
        foreach (var p in problems)
        {
            csv.Field(p.Id); csv.Field(p.Title); csv.Field(p.Description); csv.Field(p.OrganizationId); csv.Field(p.OrganizationName);
            csv.Field(p.AreaId); csv.Field(p.AreaName); csv.Field(p.Category); csv.Field(p.Bounty?.Amount.ToString(CultureInfo.InvariantCulture));
            csv.Field(p.Bounty?.Currency); csv.Field(p.Bounty?.CurrencyOrganizationId); csv.Field(p.Deadline); csv.Field(p.Status);
            csv.Field(p.AcceptedResponseId); csv.Field(p.SolutionId); csv.Field(p.SolutionName); csv.Field(p.Responses.Count(r => r.IsPublished));
            csv.Field(p.CreatedAt); csv.Field(p.UpdatedAt);
            csv.EndRow();
        }
    }

    public static void ResponsesCsv(IReadOnlyList<CivicProblem> problems, Stream output)
    {
        using var csv = new CsvOutput(output);
        csv.Row(["id", "problem_id", "problem_title", "organization_id", "organization_name", "author", "text", "links", "accepted", "created_at"]);
        foreach (var p in problems)
        {
            foreach (var r in p.Responses.Where(r => r.IsPublished))
            {
                csv.Field(r.Id); csv.Field(p.Id); csv.Field(p.Title); csv.Field(r.OrganizationId); csv.Field(r.OrganizationName); csv.Field(r.Author);
                // Links are http(s) addresses, which hold no space: one field, space-separated.
                csv.Field(r.Text); csv.Field(string.Join(" ", r.Links)); csv.Field(p.AcceptedResponseId == r.Id ? "true" : "false"); csv.Field(r.CreatedAt);
                csv.EndRow();
            }
        }
    }

    public static void Json(IReadOnlyList<CivicProblem> problems, Stream output) =>
        JsonSerializer.Serialize(output, problems.Select(ProblemRecord.From).ToList(), PublicJson.Options);
}
