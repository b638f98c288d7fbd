namespace Coopdir.Core.Organizations;

/// <summary>A locations row as Dapper reads it (by property, converting SQLite's types).</summary>
internal sealed class LocationRow
{
    public long OrganizationId { get; set; }
    public string? Street { get; set; }
    public string? Locality { get; set; }
    public string? Region { get; set; }
    public string? Postcode { get; set; }
    public string? Country { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public Location ToLocation() => new(Street, Locality, Region, Postcode, Country, Latitude, Longitude);
}
