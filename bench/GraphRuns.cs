using System.Data.Common;
using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Dapper;

namespace Coopdir.Bench;

/// <summary>
/// The graph benchmark's measured runs over a store a <see cref="GraphShape"/> was loaded into: the
/// search columns' first read, then Coopdir's graph queries and network searches (in memory over the
/// columns), and beside them the same questions asked of the database as recursive CTEs, the
/// alternative design, on the same samples.
/// </summary>
public static class GraphRuns
{
    public static async Task RunAsync(Store store, GraphShape shape, int organizations, string prefix, int perCategory,
        Dictionary<string, object> results, TextWriter log)
    {
        var key = prefix + "_";
        var random = new Random(7);
        await using var connection = await store.OpenAsync();

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var load = Stopwatch.StartNew();
        await store.Search.PrepareAsync(connection);
        // The search columns with every organization's relationships, and the same by object.
        results[key + "columns_load_s"] = Math.Round(load.Elapsed.TotalSeconds, 1);
        results[key + "columns_mb"] = Math.Round((GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / 1e6);
        log.WriteLine($"{prefix}: columns read in {load.Elapsed.TotalSeconds:0.0} s");

        var roots = Enumerable.Range(0, perCategory * 10).Select(_ => 1 + random.Next(organizations)).ToList();
        // Networks of every size: the ten largest, then ranks spread evenly on a log scale.
        var ranked = shape.NetworksBySize;
        var networks = Enumerable.Range(0, 10).Concat(Enumerable.Range(0, perCategory * 2 - 10)
            .Select(_ => (int)Math.Exp(random.NextDouble() * Math.Log(ranked.Length)))).Select(r => ranked[Math.Min(r, ranked.Length - 1)]).ToList();

        await TimeAsync("neighbours_depth2", roots, id => RelationshipGraph.NeighboursAsync(store, connection, id, 2, [], RelationshipGraph.DefaultLimit));
        await TimeAsync("neighbours_depth2_member_of", roots, id => RelationshipGraph.NeighboursAsync(store, connection, id, 2, [RelationshipTypes.MemberOf], RelationshipGraph.DefaultLimit));
        var truncated = 0;
        foreach (var id in roots.Take(200)) truncated += (await RelationshipGraph.NeighboursAsync(store, connection, id, 2, [], RelationshipGraph.DefaultLimit))!.Truncated ? 1 : 0;
        results[key + "neighbours_depth2_truncated_share"] = Math.Round(truncated / 200.0, 2);
        await TimeAsync("member_of_transitive_search", networks,
            id => store.Search.RunAsync(connection, new SearchQuery { MemberOf = [id], Transitive = true }));
        await TimeAsync("member_of_transitive_gb_search", networks,
            id => store.Search.RunAsync(connection, new SearchQuery { MemberOf = [id], Transitive = true, Countries = ["GB"] }));
        await TimeAsync("member_of_search", networks, id => store.Search.RunAsync(connection, new SearchQuery { MemberOf = [id] }));
        await TimeAsync("browse_search_with_networks_facet", networks.Take(20).ToList(), _ => store.Search.RunAsync(connection, new SearchQuery()));
        await TimeAsync("network_size", networks, id => RelationshipGraph.NetworkAsync(store, connection, id));
        var pairs = roots.Take(perCategory * 3).Select(id => (id, 1 + random.Next(organizations))).ToList();
        await TimeAsync("path_max_depth4", pairs, pair => RelationshipGraph.PathAsync(store, connection, pair.id, pair.Item2, 4, []));
        var (found, gaveUp) = (0, 0);
        foreach (var (from, to) in pairs)
        {
            var (path, _) = await RelationshipGraph.PathAsync(store, connection, from, to, 4, []);
            found += path!.Nodes is null ? 0 : 1;
            gaveUp += path.Truncated ? 1 : 0;
        }
        results[key + "path_found_share"] = Math.Round(found / (double)pairs.Count, 2);
        results[key + "path_gave_up_share"] = Math.Round(gaveUp / (double)pairs.Count, 2);
        var largest = await RelationshipGraph.NetworkAsync(store, connection, ranked[0]);
        results[key + "largest_network_members"] = $"{largest!.DirectMembers} direct, {largest.Members} at any depth, {largest.Levels} levels";

        // The alternative: the database walks (recursive CTEs), on fewer samples: it is slower by orders of magnitude on hubs.
        var cte = new CteQueries(store.Kind);
        await TimeAsync("cte_neighbours_depth2", roots.Take(perCategory).ToList(), id => cte.NeighboursAsync(connection, id, 2, RelationshipGraph.DefaultLimit));
        await TimeAsync("cte_transitive_member_ids", networks.Take(perCategory).ToList(), id => cte.TransitiveMembersAsync(connection, id));

        async Task TimeAsync<T>(string name, IReadOnlyList<T> samples, Func<T, Task> run)
        {
            foreach (var sample in samples.Take(Math.Max(1, samples.Count / 10))) await run(sample);
            var timings = new Timings();
            foreach (var sample in samples) await timings.TimeAsync(() => run(sample));
            results[$"{key}{name}_p50_p99_max_ms"] = $"{timings.Percentile(50):0.00} / {timings.Percentile(99):0.00} / {timings.Max:0.0}";
            log.WriteLine($"  {prefix} {name}: p50 {timings.Percentile(50):0.00} ms, p99 {timings.Percentile(99):0.00} ms ({timings.Count} runs)");
        }
    }

    /// <summary>The graph questions as recursive CTEs; PostgreSQL needs a LATERAL join where SQLite takes two recursive selects.</summary>
    private sealed class CteQueries(StoreKind kind)
    {
        private const string Current = "status NOT IN ('ended', 'disputed')";

        public async Task NeighboursAsync(DbConnection connection, int id, int depth, int limit) =>
            await connection.QueryAsync<(long, int)>(kind == StoreKind.Sqlite ? $"""
                WITH RECURSIVE walk(id, depth) AS (
                    SELECT @id, 0
                    UNION
                    SELECT r.object_id, w.depth + 1 FROM walk w JOIN relationships r ON r.subject_id = w.id WHERE w.depth < @depth AND r.{Current}
                    UNION
                    SELECT r.subject_id, w.depth + 1 FROM walk w JOIN relationships r ON r.object_id = w.id WHERE w.depth < @depth AND r.{Current}
                )
                SELECT id, min(depth) FROM walk GROUP BY id ORDER BY 2 LIMIT @limit
                """ : $"""
                WITH RECURSIVE walk(id, depth) AS (
                    SELECT @id::bigint, 0
                    UNION
                    SELECT n.other, w.depth + 1 FROM walk w CROSS JOIN LATERAL (
                        SELECT object_id AS other FROM relationships WHERE subject_id = w.id AND {Current}
                        UNION ALL
                        SELECT subject_id FROM relationships WHERE object_id = w.id AND {Current}) n
                    WHERE w.depth < @depth
                )
                SELECT id, min(depth) FROM walk GROUP BY id ORDER BY 2 LIMIT @limit
                """, new { id = (long)id, depth, limit }, commandTimeout: 0);

        public async Task TransitiveMembersAsync(DbConnection connection, int id) =>
            await connection.QueryAsync<long>($"""
                WITH RECURSIVE members(id) AS (
                    SELECT @id
                    UNION
                    SELECT r.subject_id FROM members m JOIN relationships r ON r.object_id = m.id AND r.type = 'member_of' WHERE r.{Current}
                )
                SELECT id FROM members
                """, new { id = (long)id }, commandTimeout: 0);
    }
}
