using System.Data.Common;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <summary>A source that lists (or listed, if retired) an organization, with the organization's id in it.</summary>
public sealed record Listing(long SourceId, string Source, string RecordId, string? Vintage, bool Retired);

/// <summary>Adds to organizations read in a batch where each field's value came from, and which sources list them.</summary>
internal static class RecordProvenance
{
    public static async Task<List<Organization>> AddAsync(DbConnection connection, List<Organization> organizations)
    {
        var ids = organizations.Select(o => o.Id).ToList();
        var claims = await SourceRecords.OfOrganizationsAsync(connection, ids);
        var edits = await FieldEdits.OfOrganizationsAsync(connection, ids);
        var precedence = await PrecedenceSettings.LoadAsync(connection);
        return organizations.Select(o =>
        {
            var own = claims[o.Id].ToList();
            var provenance = FieldMerge.Explain(own.Where(c => !c.Retired).Select(c => c.Claim).ToList(),
                edits[o.Id].ToDictionary(e => e.Field), o.Content, precedence);
            var listings = own.Select(c => new Listing(c.Claim.SourceId, c.Claim.SourceName, c.Claim.RecordId, c.Claim.Vintage, c.Retired))
                .OrderBy(l => l.Retired).ThenByDescending(l => l.Vintage, StringComparer.Ordinal).ToList();
            return o with { Provenance = provenance, Listings = listings };
        }).ToList();
    }
}
