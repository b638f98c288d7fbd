using System.Collections.Concurrent;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Answers worked out from one version of the search columns, by key, kept until the columns move on. Every write is a
/// revision and moves the version, so an answer kept here is exactly the one working it out again would give.
/// At most <paramref name="capacity"/> answers: past that the memo starts again, rather than keeping track of use.
/// </summary>
internal sealed class ColumnsMemo<T>(int capacity)
{
    private sealed record Generation(long Version, ConcurrentDictionary<string, T> Answers);

    private Generation current = new(-1, new(StringComparer.Ordinal));

    public bool TryGet(long version, string key, out T answer)
    {
        answer = default!;
        var generation = Volatile.Read(ref current);
        return generation.Version == version && generation.Answers.TryGetValue(key, out answer!);
    }

    /// <summary>Keeps an answer worked out from <paramref name="version"/>; one from a version older than the newest kept is dropped.</summary>
    public void Keep(long version, string key, T answer)
    {
        var generation = Volatile.Read(ref current);
        if (generation.Version > version) return;
        if (generation.Version < version)
        {
            // Two keepers may both start the version's generation; the answers of the one that loses are worked out again.
            generation = new Generation(version, new(StringComparer.Ordinal));
            Volatile.Write(ref current, generation);
        }
        if (generation.Answers.Count >= capacity) generation.Answers.Clear();
        generation.Answers[key] = answer;
    }
}
