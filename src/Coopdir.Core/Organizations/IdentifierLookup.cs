using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>The organizations carrying one identifier: the crosswalk's look-up (GET /api/v1/identifiers/{scheme}/{value}).</summary>
public static class IdentifierLookup
{
    public const int MaxOrganizations = 20;

    /// <summary>
    /// The organizations with this identifier, in id order. Sources write a scheme's code and its values in
    /// their own case ("GB-COH", "gb-coh"; "q42", "Q42"), so both are compared without it.
    /// </summary>
    public static async Task<List<Organization>> FindAsync(DbConnection connection, IdentifierScheme scheme, string value)
    {
        var found = new List<Organization>();
        foreach (var id in await IdsAsync(connection, scheme.Code, value, MaxOrganizations))
            if (await OrganizationQueries.GetAsync(connection, id) is { } organization) found.Add(organization);
        return found;
    }

    /// <summary>The ids of the organizations with this identifier, in id order, at most <paramref name="limit"/>.</summary>
    public static async Task<List<long>> IdsAsync(DbConnection connection, string scheme, string value, int limit)
    {
        value = value.Trim();
        return (await connection.QueryAsync<long>("""
            SELECT DISTINCT organization_id FROM identifiers
            WHERE scheme IN (@Code, @Lower, @Upper) AND value IN (@Value, @ValueUpper, @ValueLower)
            ORDER BY organization_id LIMIT @Limit
            """, new
        {
            Code = scheme, Lower = scheme.ToLowerInvariant(), Upper = scheme.ToUpperInvariant(),
            Value = value, ValueUpper = value.ToUpperInvariant(), ValueLower = value.ToLowerInvariant(), Limit = limit,
        })).ToList();
    }
}
