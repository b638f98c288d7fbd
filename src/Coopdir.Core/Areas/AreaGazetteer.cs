using System.Collections.Concurrent;
using System.Data.Common;

namespace Coopdir.Core.Areas;

/// <summary>
/// Where a location resolved to, and if it stopped short of its locality, why: no area of that name
/// within its parent, or several (never a guess between them).
/// </summary>
public sealed record AreaResolution(Area? Area, string? Unresolved)
{
    public static readonly AreaResolution None = new(null, null);
}

/// <summary>
/// Every area in memory (about 60,000 with the US, GB, DE, FR and ES lists: a few MB), with the look-ups
/// pages, search and imports need: by id or alias, children, ancestors, names within a parent, and the
/// resolution of a written location (country, region, locality) to the most specific area it names.
/// Read whole from the store and replaced when areas change (<see cref="AreaCache"/>); immutable, so
/// shared by every request.
/// </summary>
public sealed class AreaGazetteer
{
    private readonly Area[] areas;
    private readonly int[] parent;
    private readonly Dictionary<string, int> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> children = [];
    // (scope area, name key) → the areas of that name below it, for every ancestor of each area.
    private readonly Dictionary<(int Scope, string Key), List<int>> named = [];
    private readonly string[][] keys;
    private readonly ConcurrentDictionary<(string?, string?, string?), AreaResolution> resolved = new();

    public AreaGazetteer(IReadOnlyList<Area> areas, IReadOnlyList<AreaAlias> aliases, IReadOnlyList<(string AreaId, string Name)> names, DateOnly today)
    {
        this.areas = [.. areas.OrderBy(a => a.Id, StringComparer.Ordinal)];
        parent = new int[this.areas.Length];
        for (var i = 0; i < this.areas.Length; i++) byId[this.areas[i].Id] = i;
        foreach (var alias in aliases)
            if (byId.TryGetValue(alias.AreaId, out var target)) byId.TryAdd(alias.AliasId, target);
        var otherNames = names.ToLookup(n => n.AreaId, n => n.Name);
        keys = new string[this.areas.Length][];
        for (var i = 0; i < this.areas.Length; i++)
        {
            var area = this.areas[i];
            parent[i] = area.ParentId is not null && byId.TryGetValue(area.ParentId, out var p) ? p
                // An area loaded from another list than its parent's (the UK's cities under OCD's regions) names none.
                : Area.NearestAncestor(area.Id, byId.ContainsKey) is { } ancestor ? byId[ancestor] : -1;
            if (parent[i] >= 0) Add(children, parent[i], i);
            var own = AreaNames.KeysOf(area.Name).Concat(otherNames[area.Id].SelectMany(AreaNames.KeysOf));
            // A state answers to its postal code too ("CA"), as addresses write it.
            if (area.Level == AreaLevel.Region) own = own.Append(AreaNames.Key(area.Id[(area.Id.LastIndexOf(':') + 1)..]));
            keys[i] = own.Distinct().ToArray();
        }
        for (var i = 0; i < this.areas.Length; i++)
        {
            // Ended divisions stay readable by id; names resolve only to current ones.
            if (this.areas[i].HasEnded(today) || this.areas[i].Level is AreaLevel.Country or AreaLevel.District) continue;
            for (var scope = parent[i]; scope >= 0; scope = parent[scope])
                foreach (var key in keys[i]) Add(named, (scope, key), i);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> lists, TKey key, int value) where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(value);
    }

    public static async Task<AreaGazetteer> LoadAsync(DbConnection connection, DateOnly today)
    {
        var (areas, aliases, names) = await AreaRows.ReadAllAsync(connection);
        return new AreaGazetteer(areas, aliases, names, today);
    }

    public int Count => areas.Length;

    /// <summary>The area an id or one of its aliases names.</summary>
    public Area? Find(string id) => IndexOf(id) is var i and >= 0 ? areas[i] : null;

    internal int IndexOf(string id) => byId.GetValueOrDefault(id, -1) is var i and >= 0 ? i : -1;

    internal Area this[int index] => areas[index];

    internal int ParentOf(int index) => parent[index];

    /// <summary>Its parent: the one it names, else its nearest listed ancestor (an area loaded from another list than its parent's).</summary>
    public Area? Parent(Area area) => parent[IndexOf(area.Id)] is var p and >= 0 ? areas[p] : null;

    /// <summary>Its parent, grandparent… up to the country, nearest first.</summary>
    public IReadOnlyList<Area> Ancestors(Area area)
    {
        var list = new List<Area>();
        for (var i = parent[IndexOf(area.Id)]; i >= 0; i = parent[i]) list.Add(areas[i]);
        return list;
    }

    public IReadOnlyList<Area> Children(Area area) =>
        children.TryGetValue(IndexOf(area.Id), out var list) ? list.Select(i => areas[i]).ToList() : [];

    /// <summary>Whether <paramref name="area"/> is <paramref name="ancestor"/> or lies within it.</summary>
    internal bool IsWithin(int area, int ancestor)
    {
        for (var i = area; i >= 0; i = parent[i]) if (i == ancestor) return true;
        return false;
    }

    /// <summary>Areas whose name (or another name) starts with the text, that name itself first, then coarse levels and shorter names, optionally within a parent.</summary>
    public IReadOnlyList<Area> Search(string? text, Area? within, int limit)
    {
        var key = text is null ? "" : AreaNames.Key(text);
        var scope = within is null ? -1 : IndexOf(within.Id);
        IEnumerable<int> candidates = scope >= 0 && key.Length == 0
            ? children.GetValueOrDefault(scope) ?? []
            : Enumerable.Range(0, areas.Length).Where(i => scope < 0 || (i != scope && IsWithin(i, scope)));
        return candidates
            .Where(i => key.Length == 0 || keys[i].Any(k => k.StartsWith(key, StringComparison.Ordinal)))
            // The name itself before longer names it starts ("Oakland" before "Oakley" and "Oakland Park").
            .OrderBy(i => keys[i].Contains(key) ? 0 : 1).ThenBy(i => AreaLevel.Rank(areas[i].Level))
            .ThenBy(i => areas[i].Name.Length).ThenBy(i => areas[i].Name, StringComparer.Ordinal)
            .Take(limit).Select(i => areas[i]).ToList();
    }

    /// <summary>
    /// The most specific area a written location names: its country; the region (state, land, county…) of
    /// that name within the country; the locality among the cities and towns within the region (or the
    /// country when the region is not an area), else among counties (a city-county such as Anchorage); and,
    /// else a region of that name (Berlin, a city that is a state); and,
    /// when the locality is not an area, a region written as a city's name (British addresses give the local
    /// authority, "Leeds", as the region). Several areas of one name within one parent resolve to none of
    /// them, and say so.
    /// </summary>
    public AreaResolution Resolve(string? country, string? region, string? locality) =>
        resolved.GetOrAdd((country?.ToUpperInvariant(), Trimmed(region), Trimmed(locality)), key => ResolveOnce(key.Item1, key.Item2, key.Item3));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private AreaResolution ResolveOnce(string? country, string? region, string? locality)
    {
        if (country is null || IndexOf($"ocd-division/country:{country.ToLowerInvariant()}") is not (var nation and >= 0)) return AreaResolution.None;
        var regionArea = region is null ? -1 : Unique(nation, region, AreaLevel.Region, AreaLevel.County, out _);
        var scope = regionArea >= 0 ? regionArea : nation;
        if (locality is not null)
        {
            var city = Unique(scope, locality, AreaLevel.City, null, out var why);
            if (city < 0 && why is null) city = Unique(scope, locality, AreaLevel.County, null, out why);
            // A city that is a state of its own (Berlin, Hamburg, Ceuta) is listed as a region.
            if (city < 0 && why is null && regionArea < 0) city = Unique(nation, locality, AreaLevel.Region, null, out why);
            if (city >= 0) return new(areas[city], null);
            if (regionArea < 0 && region is not null && Unique(nation, region, AreaLevel.City, null, out _) is var regionCity and >= 0)
                return new(areas[regionCity], null);
            return new(areas[scope], why ?? $"no city or town named \"{locality}\" in {areas[scope].Name}");
        }
        if (regionArea < 0 && region is not null)
        {
            var regionCity = Unique(nation, region, AreaLevel.City, null, out var why);
            return regionCity >= 0 ? new(areas[regionCity], null) : new(areas[nation], why ?? $"no region named \"{region}\" in {areas[nation].Name}");
        }
        return new(areas[scope], null);
    }

    // The one area of these levels with this name below the scope, or -1 with why when there are several.
    private int Unique(int scope, string name, string level, string? orLevel, out string? why)
    {
        why = null;
        // The name as written first ("Kansas City"), then without its official words ("Bristol, City of").
        var found = AreaNames.KeysOf(name)
            .Select(k => (named.GetValueOrDefault((scope, k)) ?? []).Where(i => areas[i].Level == level || areas[i].Level == orLevel).Distinct().ToList())
            .FirstOrDefault(list => list.Count > 0) ?? [];
        if (found.Count == 1) return found[0];
        if (found.Count > 1)
        {
            // A place and the county place of the same name that OCD lists twice: the one nearer the scope.
            var nearest = found.GroupBy(i => Depth(i)).MinBy(g => g.Key)!.ToList();
            if (nearest.Count == 1) return nearest[0];
            why = $"{found.Count} areas named \"{name}\" in {areas[scope].Name}: {string.Join(", ", found.Take(3).Select(i => areas[i].Id))}";
        }
        return -1;
    }

    private int Depth(int i)
    {
        var depth = 0;
        for (var p = parent[i]; p >= 0; p = parent[p]) depth++;
        return depth;
    }
}

/// <summary>
/// One store's gazetteer, read again when areas are loaded (a row in area_loads per load) or the
/// day does (divisions past their validThrough stop resolving).
/// </summary>
public sealed class AreaCache(TimeProvider? clock = null)
{
    private sealed record Loaded(long Version, DateOnly Today, AreaGazetteer Gazetteer);

    private readonly SemaphoreSlim reading = new(1, 1);
    private Loaded? current;

    public async Task<AreaGazetteer> CurrentAsync(DbConnection connection)
    {
        var version = await AreaRows.VersionAsync(connection);
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        if (Volatile.Read(ref current) is { } seen && seen.Version == version && seen.Today == today) return seen.Gazetteer;
        await reading.WaitAsync();
        try
        {
            if (Volatile.Read(ref current) is { } again && again.Version == version && again.Today == today) return again.Gazetteer;
            var loaded = new Loaded(version, today, await AreaGazetteer.LoadAsync(connection, today));
            Volatile.Write(ref current, loaded);
            return loaded.Gazetteer;
        }
        finally
        {
            reading.Release();
        }
    }
}
