using System.Data.Common;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <summary>One field of a pair side by side, as text; <see cref="Differs"/> when the two say different things.</summary>
public sealed record ComparedField(string Field, string Label, string First, string Second)
{
    public bool Differs => !string.Equals(First, Second, StringComparison.Ordinal);
}

/// <summary>A pair in the duplicates queue with both records, compared field by field (the page and the API read this).</summary>
public sealed record DuplicateComparison(DuplicatePair Pair, Organization? First, Organization? Second, IReadOnlyList<ComparedField> Fields)
{
    public static async Task<DuplicateComparison?> LoadAsync(DbConnection connection, long pairId)
    {
        var pair = await DuplicatePairs.GetAsync(connection, pairId);
        if (pair is null) return null;
        var records = (await OrganizationQueries.LoadAsync(connection, [pair.FirstId, pair.SecondId])).ToDictionary(o => o.Id);
        var sources = await SourceRecords.OfOrganizationsAsync(connection, [pair.FirstId, pair.SecondId]);
        var (first, second) = (records.GetValueOrDefault(pair.FirstId), records.GetValueOrDefault(pair.SecondId));
        var fields = first is null || second is null ? [] : Compare(first, sources[first.Id], second, sources[second.Id]);
        return new DuplicateComparison(pair, first, second, fields);
    }

    private static List<ComparedField> Compare(Organization a, IEnumerable<(SourceClaim Claim, bool Retired)> aSources,
        Organization b, IEnumerable<(SourceClaim Claim, bool Retired)> bSources)
    {
        var fields = new (string Field, string Label, Func<Organization, IEnumerable<(SourceClaim, bool)>, string> Text)[]
        {
            ("name", "Name", (o, _) => o.Content.Name),
            ("alternate_names", "Alternate names", (o, _) => Lines(o.Content.AlternateNames)),
            ("kind", "Kind", (o, _) => o.Content.Kind),
            ("status", "Status", (o, _) => o.Content.Status),
            ("founded_on", "Founded", (o, _) => o.Content.FoundedOn ?? ""),
            ("dissolved_on", "Dissolved", (o, _) => o.Content.DissolvedOn ?? ""),
            ("website", "Website", (o, _) => o.Content.Website ?? ""),
            ("email", "Email", (o, _) => o.Content.Email ?? ""),
            ("phone", "Phone", (o, _) => o.Content.Phone ?? ""),
            ("locations", "Locations", (o, _) => Lines(o.Content.Locations.Select(Place))),
            ("identifiers", "Identifiers", (o, _) => Lines(o.Content.Identifiers.Select(i => $"{i.Scheme}: {i.Value}"))),
            ("sources", "Sources", (o, claims) => Lines(claims.Select(c => $"{c.Item1.SourceName} ({c.Item1.RecordId}{(c.Item2 ? ", retired" : "")})")
                .DefaultIfEmpty(o.Source is { } s ? s.Name : ""))),
        };
        return fields.Select(f => new ComparedField(f.Field, f.Label, f.Text(a, aSources), f.Text(b, bSources))).ToList();
    }

    private static string Place(Location l) =>
        string.Join(", ", new[] { l.Street, l.Locality, l.Region, l.Postcode, l.Country }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string Lines(IEnumerable<string> values) => string.Join("\n", values.Where(v => v.Length > 0).Order(StringComparer.Ordinal));
}
