using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search;

namespace Coopdir.Core.Organizations;

/// <summary>Whole organizations matching a search, one at a time, for exports.</summary>
public static class OrganizationStream
{
    public static IEnumerable<Organization> Matching(Store store, DbConnection connection, SearchQuery query)
    {
        // The ids are few bytes each; reading them first keeps one statement open at a time.
        var ids = store.Search.MatchingIds(connection, query with { Sort = SearchSort.Name });
        foreach (var id in ids)
        {
            if (OrganizationQueries.Get(connection, id) is { } organization) yield return organization;
        }
    }
}
