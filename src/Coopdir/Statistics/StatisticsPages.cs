using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Statistics;
using Coopdir.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Statistics;

public static class StatisticsPages
{
    // Every dimension by default, or only the one group_by names; the same counts as /api/v1/stats.
    internal static async Task<RazorComponentResult<StatisticsPage>> Show([AsParameters] SearchRequest request, string? group_by, HttpRequest http, Store store)
    {
        var dimensions = string.IsNullOrEmpty(group_by) ? OrganizationStatistics.Dimensions : [group_by];
        var sections = new List<GroupCounts>();
        var errors = new List<FieldError>();
        foreach (var dimension in dimensions)
        {
            var (counts, problems) = await StatisticsEndpoints.RunAsync(store, request, dimension);
            if (counts is null) { errors.AddRange(problems); break; }
            sections.Add(counts);
        }
        var filters = http.QueryString.Value is { Length: > 1 } query
            ? string.Join("&", query.TrimStart('?').Split('&').Where(p => !p.StartsWith("group_by=", StringComparison.Ordinal)))
            : "";
        return new RazorComponentResult<StatisticsPage>(new { Sections = sections, Errors = errors, Filters = filters })
        {
            StatusCode = errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
        };
    }
}
