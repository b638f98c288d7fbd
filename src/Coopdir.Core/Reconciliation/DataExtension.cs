using System.Data.Common;
using System.Globalization;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Reconciliation;

/// <summary>One value of an extended property: text, a number, or another organization (a network).</summary>
public sealed record ExtensionValue(string? Text = null, double? Number = null, long? OrganizationId = null);

/// <summary>
/// Data extension: the values of the asked properties for organizations a spreadsheet was reconciled
/// with, read through the one read path (<see cref="OrganizationQueries"/>). An id the directory does not
/// have (any more) gets no values.
/// </summary>
public static class DataExtension
{
    public const int MaxIds = 500, MaxProperties = 30;

    public static async Task<Dictionary<long, Dictionary<string, List<ExtensionValue>>>> ExtendAsync(
        DbConnection connection, IReadOnlyList<long> ids, IReadOnlyList<ReconcileProperty> properties)
    {
        var rows = new Dictionary<long, Dictionary<string, List<ExtensionValue>>>();
        foreach (var id in ids.Distinct())
        {
            var organization = await OrganizationQueries.GetAsync(connection, id);
            rows[id] = properties.ToDictionary(p => p.Id, p => organization is null ? [] : Values(organization, p));
        }
        return rows;
    }

    private static List<ExtensionValue> Values(Organization o, ReconcileProperty property)
    {
        var c = o.Content;
        var place = c.Locations.FirstOrDefault();
        IEnumerable<ExtensionValue> values = property.Id switch
        {
            ReconcileProperties.Name => Text(c.Name),
            ReconcileProperties.Country => Text(place?.Country),
            ReconcileProperties.Region => Text(place?.Region),
            ReconcileProperties.Locality => Text(place?.Locality),
            ReconcileProperties.Postcode => Text(place?.Postcode),
            ReconcileProperties.Website => Text(c.Website),
            ReconcileProperties.Coordinates => place is { HasCoordinates: true }
                ? Text(string.Create(CultureInfo.InvariantCulture, $"{place.Latitude},{place.Longitude}")) : [],
            ReconcileProperties.Kind => Text(c.Kind),
            ReconcileProperties.Types => c.Types.Select(t => new ExtensionValue(t)),
            ReconcileProperties.Sector => Text(c.Sector),
            ReconcileProperties.Status => Text(c.Status),
            ReconcileProperties.Networks => o.Networks.Select(r => new ExtensionValue(OrganizationId: r.ObjectId, Text: r.ObjectName)),
            _ when property.Scheme is { } scheme => c.Identifiers
                .Where(i => string.Equals(i.Scheme, scheme.Code, StringComparison.OrdinalIgnoreCase)).Select(i => new ExtensionValue(i.Value)),
            _ => [],
        };
        return values.ToList();
    }

    private static IEnumerable<ExtensionValue> Text(string? value) => value is null ? [] : [new ExtensionValue(value)];
}
