namespace Coopdir.Core.Search.Columns;

// Rows as the loader reads them (Dapper fills classes by property; see SuggestionQueries.NameRow).

internal sealed class OrganizationColumnRow
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string? Sector { get; set; }
    public long Completeness { get; set; }
    public string SearchName { get; set; } = "";
    public string SearchHead { get; set; } = "";
}

internal sealed class TypeColumnRow
{
    public long OrganizationId { get; set; }
    public string Type { get; set; } = "";
}

internal sealed class LocationColumnRow
{
    public long OrganizationId { get; set; }
    public long Position { get; set; }
    public string? Country { get; set; }
    public string? Region { get; set; }
    public string? Locality { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}
