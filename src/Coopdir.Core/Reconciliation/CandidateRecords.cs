using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources.Matching;
using Dapper;

namespace Coopdir.Core.Reconciliation;

/// <summary>What scoring compares of one candidate, in the keys matching uses (<see cref="MatchKeys"/>).</summary>
internal sealed class CandidateRecord
{
    public long Id;
    public string Slug = "", Name = "", Kind = "";
    public string? Description, Domain, Postcode, Locality, Country;
    public double? Latitude, Longitude;
    public string NameKey = "";
    public long[] Trigrams = [];
    private List<string>? typoWords;
    public List<string> TypoWords => typoWords ??= ReconcileScoring.TypoWords(NameKey);
    /// <summary>"SCHEME:VALUE" keys, as <see cref="MatchKeys.Identifier"/> makes them, and the scheme part alone.</summary>
    public HashSet<string> Identifiers = [];
    public HashSet<string> Schemes = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The ids and name keys of the networks it is a member of.</summary>
    public HashSet<string> Networks = [];
}

/// <summary>Reads candidates' records for scoring: three statements for a whole batch of queries.</summary>
internal static class CandidateRecords
{
    public static async Task<Dictionary<long, CandidateRecord>> LoadAsync(DbConnection connection, IReadOnlyCollection<long> ids)
    {
        var records = new Dictionary<long, CandidateRecord>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var parameters = new DynamicParameters();
            foreach (var row in await connection.QueryAsync<Row>($"""
                SELECT o.id AS Id, o.slug AS Slug, o.name AS Name, o.kind AS Kind, o.description AS Description, o.website AS Website,
                       l.postcode AS Postcode, l.locality AS Locality, l.country AS Country, l.latitude AS Latitude, l.longitude AS Longitude
                FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0
                WHERE {SqlList.In("o.id", "id", chunk, parameters)}
                """, parameters))
            {
                var key = MatchKeys.Name(row.Name);
                records[row.Id] = new CandidateRecord
                {
                    Id = row.Id, Slug = row.Slug, Name = row.Name, Kind = row.Kind, Description = Shorten(row.Description),
                    Domain = MatchKeys.Domain(row.Website), Postcode = MatchKeys.Postcode(row.Postcode),
                    Locality = row.Locality is null ? null : TextKey.Of(row.Locality), Country = row.Country?.ToUpperInvariant(),
                    Latitude = row.Latitude, Longitude = row.Longitude, NameKey = key, Trigrams = MatchKeys.Trigrams(key),
                };
            }
            foreach (var (id, scheme, value) in await connection.QueryAsync<(long, string, string)>(
                $"SELECT organization_id, scheme, value FROM identifiers WHERE {SqlList.In("organization_id", "id", chunk, parameters)}", parameters))
            {
                if (!records.TryGetValue(id, out var record)) continue;
                record.Identifiers.Add(MatchKeys.Identifier(new Identifier(scheme, value)));
                record.Schemes.Add(scheme);
            }
            foreach (var (id, network, name) in await connection.QueryAsync<(long, long, string)>($"""
                SELECT r.subject_id, r.object_id, o.name FROM relationships r JOIN organizations o ON o.id = r.object_id
                WHERE r.type = 'member_of' AND r.status NOT IN ('ended', 'disputed') AND {SqlList.In("r.subject_id", "id", chunk, parameters)}
                """, parameters))
            {
                if (!records.TryGetValue(id, out var record)) continue;
                record.Networks.Add(network.ToString(System.Globalization.CultureInfo.InvariantCulture));
                record.Networks.Add(MatchKeys.Name(name));
            }
        }
        return records;
    }

    /// <summary>The organizations carrying any of these identifiers.</summary>
    public static async Task<List<long>> WithIdentifiersAsync(DbConnection connection, IReadOnlyCollection<Identifier> identifiers)
    {
        var found = new List<long>();
        foreach (var identifier in identifiers) found.AddRange(await IdentifierLookup.IdsAsync(connection, identifier.Scheme, identifier.Value, 50));
        return found.Distinct().ToList();
    }

    private static string? Shorten(string? description) =>
        description is null ? null : description.Length <= 200 ? description : description[..197] + "…";

    // Dapper fills classes by property; SQLite reports no column types for an empty result, which positional records need.
    private sealed class Row
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Description { get; set; }
        public string? Website { get; set; }
        public string? Postcode { get; set; }
        public string? Locality { get; set; }
        public string? Country { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
    }
}
