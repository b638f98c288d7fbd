using System.ComponentModel;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Core.Statistics;
using Coopdir.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Statistics;

/// <summary>Counts of the organizations matching a search, per dimension: the API and the /stats page.</summary>
public static class StatisticsEndpoints
{
    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Statistics");
        api.MapGet("/stats", Get)
            .WithName("Statistics")
            .WithSummary("Counts of organizations per country, region, kind, type or sector")
            .WithDescription("Takes the same filters as GET /api/v1/organizations; the counts are that search's facet counts, every value of them.");

        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/stats", StatisticsPages.Show);
    }

    private static async Task<Results<Ok<StatisticsResponse>, ValidationProblem>> Get(
        [FromQuery(Name = "group_by"), Description("country, region, kind, type or sector")] string? groupBy,
        [AsParameters] SearchRequest request, Store store)
    {
        var (counts, errors) = await RunAsync(store, request, groupBy);
        return counts is null ? Problems.InvalidParameters(errors) : TypedResults.Ok(StatisticsResponse.From(counts));
    }

    /// <summary>The one read path of the API and the page: the search's parse, then the search's counts.</summary>
    public static async Task<(GroupCounts? Counts, IReadOnlyList<FieldError> Errors)> RunAsync(Store store, SearchRequest request, string? groupBy)
    {
        var (dimension, groupError) = OrganizationStatistics.ParseGroupBy(groupBy);
        var (query, errors) = await request.ParseAsync(store);
        if (query is null || dimension is null) return (null, groupError is null ? errors : [groupError, .. errors]);
        await using var connection = await store.OpenForReadingAsync();
        return (await OrganizationStatistics.CountAsync(store, connection, query, dimension), []);
    }
}

/// <summary>GET /api/v1/stats: the total matching the filters and the count for each group, largest first.</summary>
public sealed record StatisticsResponse(string GroupBy, long Total, IReadOnlyList<GroupCount> Groups)
{
    public static StatisticsResponse From(GroupCounts counts) =>
        new(counts.GroupBy, counts.Total, counts.Groups.Select(g => new GroupCount(g.Value, g.Label, g.Count)).ToList());
}

/// <param name="Value">The code or name the matching filter takes (e.g. country=GB).</param>
public sealed record GroupCount(string Value, string Label, long Count);
