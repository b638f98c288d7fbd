using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>
/// The filter rules written out plainly over every organization read straight from the store, as
/// the reference the search, map points, statistics and exports are compared with: kind, sector and
/// type match any listed value; country, region, locality, near + radius_km and bbox must all hold
/// for one and the same location; region and locality compare ignoring case (invariant lower case,
/// on both stores); boxes include their edges; distances are the haversine. Text is the
/// store's own full-text match for the parsed query (text matching is not what this checks).
/// </summary>
public sealed class FilterOracle : IDisposable
{
    private readonly DbConnection connection;
    private readonly Store store;
    private readonly Dictionary<string, HashSet<long>?> textMatches = [];

    public IReadOnlyList<OracleOrganization> Organizations { get; }

    private FilterOracle(DbConnection connection, Store store, IReadOnlyList<OracleOrganization> organizations) =>
        (this.connection, this.store, Organizations) = (connection, store, organizations);

    public static async Task<FilterOracle> LoadAsync(Store store)
    {
        var connection = await store.OpenAsync();
        var types = new Dictionary<long, HashSet<string>>();
        foreach (var (id, type) in Rows(connection, "SELECT organization_id, type FROM organization_types", r => (r.GetInt64(0), r.GetString(1))))
            (types.TryGetValue(id, out var set) ? set : types[id] = []).Add(type);
        var locations = Rows(connection,
                "SELECT organization_id, country, region, locality, latitude, longitude FROM locations ORDER BY organization_id, position",
                r => (Id: r.GetInt64(0), Location: new OracleLocation(Text(r, 1), Text(r, 2), Text(r, 3), Number(r, 4), Number(r, 5))))
            .ToLookup(l => l.Id, l => l.Location);
        var organizations = Rows(connection, "SELECT id, name, kind, sector FROM organizations ORDER BY id",
                r => new OracleOrganization(r.GetInt64(0), r.GetString(1), r.GetString(2), Text(r, 3), types.GetValueOrDefault(r.GetInt64(0)) ?? [], locations[r.GetInt64(0)].ToList()))
            .ToList();
        return new FilterOracle(connection, store, organizations);
    }

    /// <summary>The organizations the filters select, in id order.</summary>
    public IReadOnlyList<OracleOrganization> Select(Filters f)
    {
        var text = f.Q is null ? null : TextMatches(f.Q);
        var regions = f.Regions.Select(PlaceKey).ToHashSet();
        var localities = f.Localities.Select(PlaceKey).ToHashSet();
        bool LocationPasses(OracleLocation l) =>
            (f.Countries.Length == 0 || (l.Country is not null && f.Countries.Contains(l.Country)))
            && (f.Regions.Length == 0 || (l.Region is not null && regions.Contains(PlaceKey(l.Region))))
            && (f.Localities.Length == 0 || (l.Locality is not null && localities.Contains(PlaceKey(l.Locality))))
            && (f.RadiusKm is null || (l.HasPoint && Haversine(l.Latitude!.Value, l.Longitude!.Value, f.Near!.Value.Lat, f.Near.Value.Lon) <= f.RadiusKm))
            && (f.Bbox is null || (l.HasPoint && InBox(f.Bbox.Value, l.Latitude!.Value, l.Longitude!.Value)));
        return Organizations.Where(o =>
                (text is null || text.Contains(o.Id))
                && (f.Kinds.Length == 0 || f.Kinds.Contains(o.Kind))
                && (f.Sectors.Length == 0 || (o.Sector is not null && f.Sectors.Contains(o.Sector)))
                && (f.Types.Length == 0 || f.Types.Any(o.Types.Contains))
                && (!f.HasPlaceFilter || o.Locations.Any(LocationPasses)))
            .ToList();
    }

    /// <summary>Place names compare ignoring case, Unicode letters included, on both stores.</summary>
    public static string PlaceKey(string place) => place.ToLowerInvariant();

    // West and east edges included; minLon > maxLon wraps across the antimeridian.
    private static bool InBox((double MinLon, double MinLat, double MaxLon, double MaxLat) b, double lat, double lon) =>
        lat >= b.MinLat && lat <= b.MaxLat
        && (b.MinLon <= b.MaxLon ? lon >= b.MinLon && lon <= b.MaxLon : lon >= b.MinLon || lon <= b.MaxLon);

    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double earthRadiusKm = 6371.0088;
        var (p1, p2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var (dLat, dLon) = ((lat2 - lat1) * Math.PI / 180, (lon2 - lon1) * Math.PI / 180);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The ids the store's full-text index matches for the parsed text, or null when it holds no word (no text condition).</summary>
    private HashSet<long>? TextMatches(string q) =>
        textMatches.TryGetValue(q, out var ids) ? ids : throw new InvalidOperationException($"'{q}' was not read ahead (ReadTextAsync)");

    /// <summary>Reads the text matches of every text the comparisons will ask about, ahead of them.</summary>
    public async Task ReadTextAsync(IEnumerable<string> texts)
    {
        foreach (var q in texts.Distinct()) textMatches[q] = await ReadTextMatchesAsync(q);
    }

    private async Task<HashSet<long>?> ReadTextMatchesAsync(string q)
    {
        // Parsed as searches parse (typo corrections and their order): the filters are what this checks.
        var text = await store.Search.ParseAsync(connection, q);
        if (text is null) return null;
        // Each required word by any of its stems, the last also as a typed prefix.
        string Terms(QueryWord w, string quote, string or, string prefixMark) =>
            "(" + string.Join(or, w.Stems.Select(s => quote + s + quote).Concat(w.Prefix is { } p ? [quote + p + quote + prefixMark] : [])) + ")";
        var (sql, match) = TestStores.Kind == StoreKind.Sqlite
            ? ("SELECT rowid FROM organization_search WHERE organization_search MATCH @match",
                string.Join(" AND ", text.Required.Select(w => Terms(w, "\"", " OR ", "*"))))
            : ("SELECT id FROM organizations WHERE search_document @@ to_tsquery('simple', @match)",
                string.Join(" & ", text.Required.Select(w => Terms(w, "'", " | ", ":*"))));
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("match", match);
        command.Parameters.Add(parameter);
        var ids = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static List<T> Rows<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static double? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public void Dispose() => connection.Dispose();
}

public sealed record OracleLocation(string? Country, string? Region, string? Locality, double? Latitude, double? Longitude)
{
    public bool HasPoint => Latitude is not null && Longitude is not null;
}

public sealed record OracleOrganization(long Id, string Name, string Kind, string? Sector, HashSet<string> Types, IReadOnlyList<OracleLocation> Locations);
