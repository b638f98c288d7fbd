using System.Data.Common;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources.Matching;

/// <summary>
/// The directory's organizations as matching sees them, held in memory for one import or scan: each
/// one's name key, place, identifiers and sources, and look-ups from identifiers, names, postcodes and
/// map cells (about a kilometre square) to the organizations that have them.
/// </summary>
public sealed class MatchIndex
{
    internal sealed class Entry
    {
        public required long Id;
        public required string Name;
        // A shared solution is software, not an organization: the two are never the same, whatever their names or websites.
        public bool Solution;
        // The look-up that last listed it as a candidate: listing each once without a set per look-up.
        public int ListedBy;
        public string? Postcode, Locality, Country;
        public double? Latitude, Longitude;
        public HashSet<string> Identifiers = [];
        public HashSet<long> Sources = [];
        private long[]? trigrams;
        public long[] Trigrams => trigrams ??= MatchKeys.Trigrams(Name);
    }

    // A name, postcode or map cell shared by more organizations than this says little; looking through them all would be slow.
    internal const int CrowdedKey = 300;

    private readonly Dictionary<long, Entry> entries = [];
    private readonly Dictionary<string, List<long>> byIdentifier = new(StringComparer.Ordinal);
    // Names, postcodes and cells list the entries themselves: a probe looks at hundreds, and going through
    // their ids would add a look-up in a million-entry dictionary for each.
    private readonly Dictionary<string, List<Entry>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> byPostcode = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, int), List<Entry>> byCell = [];

    public int Count => entries.Count;

    /// <summary>Reads every organization once: one query per table, rows grouped straight off the readers.</summary>
    public static async Task<MatchIndex> LoadAsync(DbConnection connection)
    {
        var index = new MatchIndex();
        await ReadAsync(connection, """
            SELECT o.id, o.name, o.website, l.postcode, l.locality, l.country, l.latitude, l.longitude, o.kind
            FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0
            """, r =>
            {
                var entry = new Entry { Id = r.GetInt64(0), Name = MatchKeys.Name(r.GetString(1)), Solution = r.GetString(8) == Solutions.SolutionRules.Kind };
                SetPlace(entry, Text(r, 3), Text(r, 4), Text(r, 5), Real(r, 6), Real(r, 7));
                if (MatchKeys.Domain(Text(r, 2)) is { } domain) entry.Identifiers.Add("domain:" + domain);
                index.entries[entry.Id] = entry;
            });
        await ReadAsync(connection, "SELECT organization_id, scheme, value FROM identifiers", r =>
        {
            if (index.entries.TryGetValue(r.GetInt64(0), out var e)) e.Identifiers.Add(MatchKeys.Identifier(new Identifier(r.GetString(1), r.GetString(2))));
        });
        await ReadAsync(connection, "SELECT organization_id, source_id FROM source_records WHERE organization_id IS NOT NULL", r =>
        {
            if (index.entries.TryGetValue(r.GetInt64(0), out var e)) e.Sources.Add(r.GetInt64(1));
        });
        foreach (var entry in index.entries.Values) index.AddKeys(entry);
        return index;
    }

    /// <summary>Adds or refreshes one organization (an import's new or changed record), so later rows can match it.</summary>
    public void Put(long id, OrganizationContent content, long? sourceId)
    {
        if (entries.Remove(id, out var old)) RemoveKeys(old);
        var entry = Probe(content);
        entry.Id = id;
        if (old is not null) entry.Sources.UnionWith(old.Sources);
        if (sourceId is not null) entry.Sources.Add(sourceId.Value);
        entries[id] = entry;
        AddKeys(entry);
    }

    public void Remove(long id)
    {
        if (entries.Remove(id, out var old)) RemoveKeys(old);
    }

    internal Entry? this[long id] => entries.GetValueOrDefault(id);
    internal IEnumerable<Entry> All => entries.Values;

    internal static Entry Probe(OrganizationContent content)
    {
        var entry = new Entry { Id = 0, Name = MatchKeys.Name(content.Name), Solution = content.Kind == Solutions.SolutionRules.Kind };
        var place = content.Locations.FirstOrDefault();
        SetPlace(entry, place?.Postcode, place?.Locality, place?.Country, place?.Latitude, place?.Longitude);
        foreach (var identifier in content.Identifiers) entry.Identifiers.Add(MatchKeys.Identifier(identifier));
        if (MatchKeys.Domain(content.Website) is { } domain) entry.Identifiers.Add("domain:" + domain);
        return entry;
    }

    internal IEnumerable<long> WithIdentifier(string key) => byIdentifier.GetValueOrDefault(key) ?? [];

    /// <summary>Organizations that could be this one: the same name key, the same postcode, or nearby on the map.</summary>
    internal List<Entry> Candidates(Entry probe)
    {
        var lookUp = ++lookUps;
        var found = new List<Entry>();
        void Take(List<Entry>? some)
        {
            if (some is null || some.Count > CrowdedKey) return;
            foreach (var e in some)
                if (e.ListedBy != lookUp && e.Id != probe.Id) { e.ListedBy = lookUp; found.Add(e); }
        }
        Take(byName.GetValueOrDefault(probe.Name));
        if (probe.Postcode is { } postcode) Take(byPostcode.GetValueOrDefault(postcode));
        if (Cell(probe) is var (row, column))
            for (var dr = -1; dr <= 1; dr++)
                for (var dc = -1; dc <= 1; dc++)
                    Take(byCell.GetValueOrDefault((row + dr, column + dc)));
        return found;
    }

    private int lookUps;

    private void AddKeys(Entry e)
    {
        foreach (var identifier in e.Identifiers) Add(byIdentifier, identifier, e.Id);
        if (e.Name.Length > 0) Add(byName, e.Name, e);
        if (e.Postcode is not null) Add(byPostcode, e.Postcode, e);
        if (Cell(e) is { } cell) Add(byCell, cell, e);
    }

    private void RemoveKeys(Entry e)
    {
        foreach (var identifier in e.Identifiers) byIdentifier.GetValueOrDefault(identifier)?.Remove(e.Id);
        byName.GetValueOrDefault(e.Name)?.Remove(e);
        if (e.Postcode is not null) byPostcode.GetValueOrDefault(e.Postcode)?.Remove(e);
        if (Cell(e) is { } cell) byCell.GetValueOrDefault(cell)?.Remove(e);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var values)) map[key] = values = new List<TValue>(1);
        values.Add(value);
    }

    private static (int, int)? Cell(Entry e) =>
        e.Latitude is { } lat && e.Longitude is { } lon ? ((int)Math.Floor(lat * 100), (int)Math.Floor(lon * 100)) : null;

    private static void SetPlace(Entry e, string? postcode, string? locality, string? country, double? latitude, double? longitude)
    {
        e.Postcode = MatchKeys.Postcode(postcode);
        e.Locality = locality is null ? null : TextKey.Of(locality);
        // Interned, so that comparing two entries' countries compares references and reads no string.
        e.Country = country is null ? null : string.Intern(country.ToUpperInvariant());
        (e.Latitude, e.Longitude) = (latitude, longitude);
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
