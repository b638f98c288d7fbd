using Coopdir.Core.Sources;

namespace Coopdir.Duplicates;

/// <summary>POST /api/v1/duplicates/{id}/decision. survivor_id only with "same"; by default the older record (the lower id) survives.</summary>
public sealed record DecisionRequest(string? Decision, long? SurvivorId = null);

/// <summary>One side of a pair; its name is null when the organization is gone (a merged pair's duplicate).</summary>
public sealed record PairSide(long Id, string? Name, string Url);

public sealed record DuplicatePairResponse(
    long Id, PairSide First, PairSide Second, double Score, IReadOnlyList<string> Reasons, string FoundBy, string Status,
    string? DecidedBy, DateTimeOffset? DecidedAt, DateTimeOffset CreatedAt)
{
    public static DuplicatePairResponse From(DuplicatePair p) => new(p.Id,
        new PairSide(p.FirstId, p.FirstName, $"/organizations/{p.FirstId}"), new PairSide(p.SecondId, p.SecondName, $"/organizations/{p.SecondId}"),
        p.Score, p.Reasons, p.FoundBy, p.Status, p.DecidedBy, p.DecidedAt, p.CreatedAt);
}

public sealed record DuplicatePairList(IReadOnlyList<DuplicatePairResponse> Items, string Status, int Page, int PageSize, long Total);

public sealed record ComparedFieldResponse(string Field, string First, string Second, bool Differs);

/// <summary>A pair with both records compared field by field (multi-valued fields one value per line).</summary>
public sealed record DuplicatePairDetail(DuplicatePairResponse Pair, IReadOnlyList<ComparedFieldResponse> Fields)
{
    public static DuplicatePairDetail From(DuplicateComparison c) => new(DuplicatePairResponse.From(c.Pair),
        c.Fields.Select(f => new ComparedFieldResponse(f.Field, f.First, f.Second, f.Differs)).ToList());
}

public sealed record ScanResponse(int Organizations, int PairsFound, int Queued, int AlreadyQueued, int AlreadyDecided, double Seconds)
{
    public static ScanResponse From(ScanResult r) =>
        new(r.Organizations, r.PairsFound, r.Queued, r.AlreadyQueued, r.AlreadyDecided, Math.Round(r.Elapsed.TotalSeconds, 3));
}
