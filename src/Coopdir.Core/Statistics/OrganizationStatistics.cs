using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Core.Statistics;

/// <summary>Counts of the organizations matching a search, grouped by one dimension.</summary>
/// <param name="Total">Organizations matching the filters. One with several types or locations counts
/// once in each of its groups, and one with none in no group, so the groups need not add up to it.</param>
public sealed record GroupCounts(string GroupBy, long Total, IReadOnlyList<FacetValue> Groups);

/// <summary>
/// Statistics are the search's facet counts, complete: the same filters, the same store search and
/// the same SQL, so the numbers always agree with the facets on the search page.
/// </summary>
public static class OrganizationStatistics
{
    public static readonly IReadOnlyList<string> Dimensions = [Facets.Country, Facets.Region, Facets.Kind, Facets.Type, Facets.Sector];

    public static (string? GroupBy, FieldError? Error) ParseGroupBy(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, new FieldError("group_by", $"is required: one of {string.Join(", ", Dimensions)}"));
        var groupBy = value.Trim().ToLowerInvariant();
        return Dimensions.Contains(groupBy)
            ? (groupBy, null)
            : (null, new FieldError("group_by", $"'{value}' is not one of {string.Join(", ", Dimensions)}"));
    }

    public static async Task<GroupCounts> CountAsync(Store store, DbConnection connection, SearchQuery query, string groupBy)
    {
        var counts = await store.Search.CountAsync(connection, query, groupBy);
        return new GroupCounts(groupBy, counts.Total, counts.Values);
    }
}
