using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Core.Sources.Matching;

public enum MatchDecision { New, Possible, Same }

/// <summary>What matching made of a row: the organization it is (Same), may be (Possible, for people to decide), or none (New).</summary>
public sealed record MatchResult(MatchDecision Decision, long? OrganizationId, double Score, IReadOnlyList<string> Reasons)
{
    public static readonly MatchResult None = new(MatchDecision.New, null, 0, []);
}

/// <summary>
/// Decides which organization, if any, a record is. Shared identifiers first (any scheme: a Co-operatives
/// UK id, a registered number, a Wikidata QID, a website's domain); then names and places, scored from 0 to 1.
/// At <see cref="SameAt"/> and above the record is the organization; from <see cref="PossibleAt"/> it
/// may be, and people decide. Never merged automatically, however alike (at most "possible"): records
/// whose identifiers of one scheme differ, whose names carry different numbers, that one source lists
/// separately, or in different countries (those score nothing). A shared solution and an organization are
/// never matched at all (a solution named after its maintainer, or on its website, is still software).
/// </summary>
public sealed class Matcher(MatchIndex index)
{
    public const double SameAt = 0.92, PossibleAt = 0.75;
    // The most a pair that must not be merged automatically can score.
    private const double Undecided = 0.85;

    public MatchIndex Index => index;

    public MatchResult Match(OrganizationContent content, long? sourceId = null)
    {
        var probe = MatchIndex.Probe(content);
        return ByIdentifier(probe, sourceId) ?? ByNameAndPlace(probe, sourceId);
    }

    /// <summary>Pairs in the directory that may be one organization twice, each once (for the duplicates queue).</summary>
    public IEnumerable<(long First, long Second, MatchResult Result)> PossibleDuplicates()
    {
        foreach (var entry in index.All)
            foreach (var candidate in index.Candidates(entry).Where(c => c.Id > entry.Id))
                if (Score(entry, candidate, null) is { Score: >= PossibleAt } result)
                    yield return (entry.Id, candidate.Id, result with { Decision = MatchDecision.Possible, OrganizationId = candidate.Id });
    }

    private MatchResult? ByIdentifier(MatchIndex.Entry probe, long? sourceId)
    {
        var found = Found(probe, domains: false);
        // A website's domain is weaker than an identifier: it counts only when no identifier matched.
        if (found.Count == 0) found = Found(probe, domains: true);
        if (found.Count == 0) return null;
        // Identifiers naming several organizations (sources disagree about whose number is whose): the one
        // no other identifier contradicts is it, if there is exactly one.
        if (found.Count > 1 && found.Where(g => Blocker(probe, index[g.Key]!, sourceId, byName: false) is null).ToList() is [var only])
            found = [only];
        if (found.Count > 1)
        {
            // Identifiers pointing at different organizations: people decide which, if any.
            var best = found.OrderByDescending(g => g.Count()).First();
            return new MatchResult(MatchDecision.Possible, best.Key, Undecided, [$"identifiers name {found.Count} different organizations"]);
        }
        var match = found[0];
        var entry = index[match.Key]!;
        var reasons = match.Select(k => $"same {k.key.Replace(":", " ")}").ToList();
        var onlyDomain = match.All(k => k.key.StartsWith("domain:", StringComparison.Ordinal));
        var alike = MatchKeys.Alike(probe.Trigrams, entry.Trigrams);
        // A shared website says less than an identifier (a national body's site, a shared page): the names must be
        // alike and the places agree too (a Leeds and a Sheffield group of one federation share its domain).
        var (place, where) = Place(probe, entry, explain: true);
        var blocker = Blocker(probe, entry, sourceId, byName: false)
            ?? (onlyDomain && alike < 0.5 ? $"names only {alike:0.00} alike"
            : onlyDomain && place < 0.5 ? where : null);
        return blocker is null
            ? new MatchResult(MatchDecision.Same, entry.Id, 1, reasons)
            : new MatchResult(MatchDecision.Possible, entry.Id, Undecided, [.. reasons, blocker]);
    }

    private List<IGrouping<long, (string key, List<long> ids)>> Found(MatchIndex.Entry probe, bool domains) =>
        probe.Identifiers
            .Where(key => key.StartsWith("domain:", StringComparison.Ordinal) == domains)
            .Select(key => (key, ids: index.WithIdentifier(key).Where(id => index[id]!.Solution == probe.Solution).ToList()))
            .Where(k => k.ids.Count == 1) // an identifier several organizations share tells none of them apart
            .GroupBy(k => k.ids[0])
            .ToList();

    // Candidates are scored without their reasons (a large directory gives a probe hundreds); only the best is explained.
    private MatchResult ByNameAndPlace(MatchIndex.Entry probe, long? sourceId)
    {
        MatchIndex.Entry? best = null;
        var bestScore = 0.0;
        foreach (var candidate in index.Candidates(probe))
            if (ScoreOnly(probe, candidate, sourceId) is var score && score > bestScore) (best, bestScore) = (candidate, score);
        if (best is null || bestScore < PossibleAt) return MatchResult.None;
        var result = Score(probe, best, sourceId)!;
        return result with { Decision = result.Score >= SameAt ? MatchDecision.Same : MatchDecision.Possible };
    }

    /// <summary><see cref="Score"/>'s score alone, or 0 where it gives none.</summary>
    private static double ScoreOnly(MatchIndex.Entry probe, MatchIndex.Entry candidate, long? sourceId)
    {
        if (probe.Solution != candidate.Solution) return 0;
        if (probe.Country is not null && candidate.Country is not null && probe.Country != candidate.Country) return 0;
        var name = probe.Name == candidate.Name ? 1 : MatchKeys.Alike(probe.Trigrams, candidate.Trigrams);
        if (name < 0.5) return 0;
        var score = 0.65 * name + 0.35 * Place(probe, candidate, explain: false).Score;
        // A blocker only caps the score, so it need not be looked for below the cap.
        if (score > Undecided && Blocker(probe, candidate, sourceId, byName: true) is not null) score = Undecided;
        return Math.Round(score, 3);
    }

    private static MatchResult? Score(MatchIndex.Entry probe, MatchIndex.Entry candidate, long? sourceId)
    {
        if (probe.Solution != candidate.Solution) return null;
        if (probe.Country is not null && candidate.Country is not null && probe.Country != candidate.Country) return null;
        var name = probe.Name == candidate.Name ? 1 : MatchKeys.Alike(probe.Trigrams, candidate.Trigrams);
        if (name < 0.5) return null;
        var (place, where) = Place(probe, candidate, explain: true);
        var score = 0.65 * name + 0.35 * place;
        var reasons = new List<string> { name == 1 ? "same name" : $"names {name:0.00} alike", where! };
        if (Blocker(probe, candidate, sourceId, byName: true) is { } blocker)
        {
            score = Math.Min(score, Undecided);
            reasons.Add(blocker);
        }
        return new MatchResult(MatchDecision.New, candidate.Id, Math.Round(score, 3), reasons);
    }

    private static (double Score, string? Reason) Place(MatchIndex.Entry a, MatchIndex.Entry b, bool explain)
    {
        if (a.Postcode is not null && b.Postcode is not null)
            return a.Postcode == b.Postcode ? (1, "same postcode") : (0.1, "different postcodes");
        if (a.Latitude is { } lat1 && a.Longitude is { } lon1 && b.Latitude is { } lat2 && b.Longitude is { } lon2)
        {
            var km = Geo.DistanceKm(lat1, lon1, lat2, lon2);
            var score = km <= 0.25 ? 1 : km <= 1 ? 0.85 : km <= 5 ? 0.5 : km <= 25 ? 0.2 : 0;
            return (score, explain ? $"{km:0.0} km apart" : null);
        }
        if (a.Locality is not null && b.Locality is not null)
            return a.Locality == b.Locality ? (0.6, "same locality") : (0.05, "different localities");
        return (0.3, "no place to compare");
    }

    /// <summary>Why two records that look alike must not be merged without a person deciding, if they must not.</summary>
    /// <param name="byName">Matched by name and place rather than a shared identifier, where numbers in names tell organizations apart.</param>
    private static string? Blocker(MatchIndex.Entry probe, MatchIndex.Entry candidate, long? sourceId, bool byName)
    {
        if (sourceId is not null && candidate.Sources.Contains(sourceId.Value)) return "the same source lists both";
        if (byName && MatchKeys.Numbers(probe.Name) != MatchKeys.Numbers(candidate.Name)) return "different numbers in their names";
        var conflict = probe.Identifiers.Where(k => !k.StartsWith("domain:", StringComparison.Ordinal))
            .FirstOrDefault(k => !candidate.Identifiers.Contains(k) && candidate.Identifiers.Any(c => SameScheme(c, k)));
        return conflict is null ? null : $"different {conflict[..conflict.IndexOf(':')]} identifiers";
    }

    private static bool SameScheme(string a, string b) =>
        a.AsSpan(0, a.IndexOf(':')).SequenceEqual(b.AsSpan(0, b.IndexOf(':')));
}
