using System.Data.Common;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Reconciliation;

/// <summary>
/// Answers reconciliation queries: which organizations a row of someone's spreadsheet may be. Candidates
/// come from the directory's own search (which forgives typos and legal forms, and filters by kind) and
/// from the identifiers the query gives; each is scored by <see cref="ReconcileScoring"/>. The best is a
/// match only when it scores high and clearly ahead of the next.
/// </summary>
public sealed class Reconciler(OrganizationSearch search)
{
    // Search's best few are scored: enough that the right one is among them when the name is written differently.
    private const int Pool = 20;
    private const int MaxFallbackWords = 6;

    public async Task<IReadOnlyList<IReadOnlyList<ReconcileCandidate>>> MatchAsync(DbConnection connection, IReadOnlyList<ReconcileQuery> queries)
    {
        var found = new List<List<long>>(queries.Count);
        foreach (var query in queries) found.Add(await CandidatesAsync(connection, query));
        // One read of every candidate of the batch.
        var records = await CandidateRecords.LoadAsync(connection, found.SelectMany(f => f).ToHashSet());
        return queries.Select((query, i) => Rank(query, found[i].Select(records.GetValueOrDefault).OfType<CandidateRecord>())).ToList();
    }

    private static IReadOnlyList<ReconcileCandidate> Rank(ReconcileQuery query, IEnumerable<CandidateRecord> records)
    {
        var probe = ReconcileScoring.ProbeOf(query);
        var scored = records
            .Where(r => query.Kinds.Count == 0 || query.Kinds.Contains(r.Kind))
            .Select((r, order) => (Record: r, Order: order, Result: ReconcileScoring.Score(probe, r)))
            .OrderByDescending(s => s.Result.Score).ThenBy(s => s.Order)
            .ToList();
        // The runner-up decides whether the best is a match, whether or not the limit lets it be shown.
        var match = scored.Count > 0 && IsMatch(scored[0].Result.Score, scored[0].Result.Conflict, scored.Count > 1 ? scored[1].Result.Score : null);
        return scored.Take(query.Limit).Select((s, i) => new ReconcileCandidate(s.Record.Id, s.Record.Slug, s.Record.Name, s.Record.Kind,
                s.Record.Description, s.Result.Score, i == 0 && match, s.Result.Features))
            .ToList();
    }

    private static bool IsMatch(double score, bool conflict, double? next) =>
        !conflict && score >= ReconcileScoring.MatchAt && (next is null || score - next >= ReconcileScoring.MatchLead);

    private async Task<List<long>> CandidatesAsync(DbConnection connection, ReconcileQuery query)
    {
        var ids = await CandidateRecords.WithIdentifiersAsync(connection, IdentifiersOf(query));
        if (query.Text is null) return ids;
        var byName = await search.PageIdsAsync(connection, Search(query));
        if (byName.Count == 0 && await search.ParseAsync(connection, MatchKeys.Name(query.Text)) is { } key)
        {
            // Search wants every word; the name's telling words alone drop what sources write differently ("and" for
            // "&", legal forms). Failing that, each word is left out in turn (one the directory's record lacks).
            byName = await search.PageIdsAsync(connection, Search(query), key);
            var words = key.Words.Take(MaxFallbackWords).ToList();
            if (byName.Count == 0 && words.Count > 1)
                for (var left = 0; left < words.Count; left++)
                    byName.AddRange(await search.PageIdsAsync(connection, Search(query), new TextQuery(words.Where((_, i) => i != left).ToList())));
        }
        return ids.Concat(byName).Distinct().ToList();
    }

    private static SearchQuery Search(ReconcileQuery query) =>
        new() { Text = query.Text, Kinds = query.Kinds, Sort = SearchSort.Relevance, PageSize = Math.Max(Pool, query.Limit) };

    private static List<Identifier> IdentifiersOf(ReconcileQuery query)
    {
        var identifiers = new List<Identifier>();
        foreach (var property in query.Properties)
        {
            var schemes = ReconcileProperties.Find(property.Id) is { Scheme: { } own } ? [own]
                : property.Id == ReconcileProperties.RegisteredNumber ? IdentifierSchemes.All.Where(s => s.RegisteredNumber).ToList()
                : [];
            foreach (var scheme in schemes)
                foreach (var value in property.Values)
                    identifiers.Add(new Identifier(scheme.Code, value));
        }
        return identifiers;
    }
}
