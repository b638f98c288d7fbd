using Coopdir.Core.Organizations;

namespace Coopdir.Core.Reconciliation;

/// <summary>A property of organizations the service matches by, extends with, or both.</summary>
/// <param name="Scheme">For an identifier property, its scheme.</param>
public sealed record ReconcileProperty(string Id, string Name, string Description, bool Matches, bool Extends, IdentifierScheme? Scheme = null);

/// <summary>
/// The properties the reconciliation service knows, in one list: those a query may weigh candidates by
/// and those a data extension may fetch. Every identifier scheme is a property of its own, named by its code.
/// </summary>
public static class ReconcileProperties
{
    public const string Name = "name", Country = "country", Locality = "locality", Region = "region", Postcode = "postcode",
        Website = "website", Coordinates = "coordinates", RegisteredNumber = "registered-number", Network = "network",
        Kind = "kind", Types = "types", Sector = "sector", Status = "status", Networks = "networks";

    public static IReadOnlyList<ReconcileProperty> All { get; } =
    [
        new(Name, "Name", "The organization's name", false, true),
        new(Country, "Country", "ISO 3166-1 alpha-2 code or country name", true, true),
        new(Region, "Region", "Region, state or province", false, true),
        new(Locality, "Locality", "Town or city", true, true),
        new(Postcode, "Postcode", "Postal code", true, true),
        new(Website, "Website", "Website address; compared by domain", true, true),
        new(Coordinates, "Coordinates", "\"latitude,longitude\" in decimal degrees; compared by distance", true, true),
        new(RegisteredNumber, "Registered number", "A registrar's number (FCA, Companies House, Northern Ireland)", true, false),
        new(Network, "Member of network", "The id or name of a network the organization is a member of", true, false),
        new(Kind, "Kind", "Kind of organization (the kind vocabulary)", false, true),
        new(Types, "Co-operative types", "Co-operative types (the type vocabulary)", false, true),
        new(Sector, "Sector", "Sector (the sector vocabulary)", false, true),
        new(Status, "Status", "active, dissolved or unknown", false, true),
        new(Networks, "Networks", "Networks it is a member of", false, true),
        .. IdentifierSchemes.All.Select(s => new ReconcileProperty(s.Code, s.Label, s.Description, true, true, s)),
    ];

    public static ReconcileProperty? Find(string id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Properties a query may weigh candidates by, for property suggestions.</summary>
    public static IEnumerable<ReconcileProperty> Matching => All.Where(p => p.Matches);

    /// <summary>Properties a data extension may fetch, for the extension's proposals.</summary>
    public static IEnumerable<ReconcileProperty> Extending => All.Where(p => p.Extends);
}
