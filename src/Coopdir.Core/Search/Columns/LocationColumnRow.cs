namespace Coopdir.Core.Search.Columns;

/// <summary>One location as the loader reads it, before its strings are interned.</summary>
internal sealed record LocationColumnRow(long OrganizationId, string? Country, string? Region, string? Locality, double? Latitude, double? Longitude);
