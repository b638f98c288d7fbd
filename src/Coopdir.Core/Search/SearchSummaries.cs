using System.Data.Common;
using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Search;

/// <summary>Loads the list items for one page of ids, in their order, and the names of the networks its facets count (portable SQL).</summary>
internal static class SearchSummaries
{
    public static async Task<(IReadOnlyList<OrganizationSummary> Items, IReadOnlyDictionary<long, string> Names)> LoadAsync(
        DbConnection connection, IReadOnlyList<long> ids, GeoPoint? near, IReadOnlyList<long> namesOf)
    {
        if (ids.Count == 0 && namesOf.Count == 0) return ([], new Dictionary<long, string>());
        var parameters = new DynamicParameters();
        var idIn = SqlList.In("id", "id", ids, parameters);
        var organizationIn = SqlList.In("organization_id", "id", ids, new DynamicParameters());
        var nameIn = SqlList.In("id", "name", namesOf, parameters);
        // One command, four result sets: one round trip to PostgreSQL.
        await using var results = await connection.QueryMultipleAsync($"""
            SELECT id, slug, name, kind, sector, status, website FROM organizations WHERE {idIn};
            SELECT organization_id AS OrganizationId, type FROM organization_types WHERE {organizationIn} ORDER BY type;
            SELECT organization_id AS OrganizationId, street, locality, region, postcode, country, latitude, longitude
            FROM locations WHERE {organizationIn} ORDER BY organization_id, position;
            SELECT id, name FROM organizations WHERE {nameIn}
            """, parameters);
        var rows = (await results.ReadAsync<SummaryRow>()).ToDictionary(r => r.Id);
        var types = (await results.ReadAsync<TypeRow>()).ToLookup(t => t.OrganizationId, t => t.Type);
        var locations = (await results.ReadAsync<LocationRow>()).ToLookup(l => l.OrganizationId, l => l.ToLocation());
        var names = (await results.ReadAsync<(long Id, string Name)>()).ToDictionary(n => n.Id, n => n.Name);

        var items = ids.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var places = locations[id].ToList();
            double? distance = near is null ? null : places.Where(p => p.HasCoordinates)
                .Select(p => (double?)Geo.DistanceKm(near.Latitude, near.Longitude, p.Latitude!.Value, p.Longitude!.Value))
                .Min();
            return new OrganizationSummary(row.Id, row.Slug, row.Name, row.Kind, types[id].ToList(), row.Sector, row.Status,
                row.Website, places, distance is null ? null : Math.Round(distance.Value, 3));
        }).ToList();
        return (items, names);
    }

    /// <summary>
    /// The networks facet labelled with the names read; a network removed since the columns were read
    /// is left out. Equal counts are ordered by name, as a person reads them.
    /// </summary>
    public static IReadOnlyList<FacetValue> LabelNetworks(IReadOnlyList<FacetValue> values, IReadOnlyDictionary<long, string> names) =>
        values.Select(v => (Value: v, Id: long.Parse(v.Value, CultureInfo.InvariantCulture)))
            .Where(v => names.ContainsKey(v.Id))
            .Select(v => v.Value with { Label = names[v.Id] })
            .OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Ordinal).ThenBy(v => v.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>The ids a networks facet counts, whose names it needs.</summary>
    public static IReadOnlyList<long> NetworkIds(IReadOnlyList<FacetValue> values) =>
        values.Select(v => long.Parse(v.Value, CultureInfo.InvariantCulture)).ToList();

    /// <summary>Facet rows as values with labels, largest first.</summary>
    public static IReadOnlyList<FacetValue> Label(IEnumerable<FacetRow> rows, string facet) =>
        rows.Select(r => new FacetValue(r.Value, LabelOf(facet, r.Value), r.Count)).ToList();

    private static string LabelOf(string facet, string value) => facet switch
    {
        Facets.Kind => Vocabularies.Kind.LabelOf(value),
        Facets.Type => Vocabularies.Type.LabelOf(value),
        Facets.Sector => Vocabularies.Sector.LabelOf(value),
        Facets.Country => Countries.NameOf(value),
        _ => value,
    };

    private sealed class TypeRow
    {
        public long OrganizationId { get; set; }
        public string Type { get; set; } = "";
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Sector { get; set; }
        public string Status { get; set; } = "";
        public string? Website { get; set; }
    }
}

internal sealed class FacetRow
{
    public string Value { get; set; } = "";
    public long Count { get; set; }
}
