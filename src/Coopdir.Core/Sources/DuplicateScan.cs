using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Sources;

/// <summary>What a scan did: organizations compared, pairs that may be one, and how many of those were new to the queue.</summary>
public sealed record ScanResult(int Organizations, int PairsFound, int Queued, int AlreadyQueued, int AlreadyDecided, TimeSpan Elapsed);

/// <summary>
/// The whole directory compared with itself (the nightly job, or an editor's trigger): every pair
/// <see cref="Matcher.PossibleDuplicates"/> finds is queued with found_by "scan", unless it is queued
/// already or was decided (a pair marked "not the same" stays decided).
/// </summary>
public static class DuplicateScan
{
    public const string FoundBy = "scan";

    public static async Task<ScanResult> RunAsync(Store store, TimeProvider? clock = null)
    {
        var watch = Stopwatch.StartNew();
        MatchIndex index;
        Dictionary<(long, long), string> known;
        await using (var connection = await store.OpenAsync())
        {
            index = await MatchIndex.LoadAsync(connection);
            known = await DuplicatePairs.KnownAsync(connection);
        }
        var found = new Matcher(index).PossibleDuplicates().ToList();
        var (queued, waiting, decided) = (0, 0, 0);
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToString("O");
        await using (var session = await store.BeginWriteAsync())
        {
            foreach (var (first, second, result) in found)
            {
                if (known.TryGetValue((first, second), out var status))
                {
                    if (status is DuplicatePairs.Same or DuplicatePairs.NotSame) decided++; else waiting++;
                    continue;
                }
                if (await DuplicatePairs.AddAsync(session, first, second, result, FoundBy, now)) queued++;
            }
            await session.CommitAsync();
        }
        return new ScanResult(index.Count, found.Count, queued, waiting, decided, watch.Elapsed);
    }
}
