using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>The place text indexed for an organization: locality, region, postcode and country name of each location.</summary>
public static class SearchText
{
    public static string Place(OrganizationContent content) => string.Join(" | ", content.Locations.Select(l => string.Join(" ",
        new[] { l.Locality, l.Region, l.Postcode, l.Country is null ? null : Countries.NameOf(l.Country) }
            .Where(s => !string.IsNullOrWhiteSpace(s)))));
}
