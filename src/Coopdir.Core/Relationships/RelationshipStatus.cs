namespace Coopdir.Core.Relationships;

/// <summary>Which party to a relationship speaks: one of its two organizations, or someone else.</summary>
public enum Party { Subject, Object, Third }

/// <summary>How a party speaks: a verified claimer of the organization, an editor, an imported dataset, or the organization's own website.</summary>
public enum Voice { Claimer, Editor, Dataset, Website }

/// <summary>What a party says of the relationship.</summary>
public enum Stance { Asserts, Denies, Ends }

/// <summary>Computed from the assertions, never set by hand (see <see cref="RelationshipStatus.Of"/>).</summary>
public enum RelationshipStatusCode { Proposed, Claimed, Confirmed, Corroborated, Disputed, Ended }

/// <summary>
/// One statement about a relationship, appended and never changed.
/// </summary>
/// <param name="Speaker">Who spoke for a third party (an account, a dataset, a website), so that two third parties count as two; ignored for the two sides, each of which is one voice whoever speaks for it.</param>
public sealed record Assertion(Party Party, Voice Voice, Stance Stance, DateTimeOffset At, string Speaker, string? EvidenceUrl = null);

/// <summary>A relationship's status, and when it ended if it did.</summary>
public sealed record RelationshipState(RelationshipStatusCode Status, DateTimeOffset? EndedAt);

/// <summary>
/// The status of a relationship, from its assertions. Only the latest statement of each voice counts
/// (each side is one voice; each third-party speaker is one), in time order, the list's order breaking
/// ties. The two sides speak for themselves and outrank third parties:
/// <list type="number">
/// <item>a side that denies it: <c>disputed</c>;</item>
/// <item>a side that ends it: <c>ended</c>, at the latest such statement;</item>
/// <item>both sides assert it: <c>corroborated</c> when a third party asserts it too, else <c>confirmed</c>;</item>
/// <item>one side asserts it: <c>claimed</c>;</item>
/// <item>no side has spoken: <c>proposed</c> when a third party asserts it; else <c>ended</c> when one ends it; else <c>disputed</c>.</item>
/// </list>
/// </summary>
public static class RelationshipStatus
{
    public static RelationshipState Of(IEnumerable<Assertion> assertions)
    {
        var latest = new Dictionary<(Party, string), Assertion>();
        foreach (var a in assertions.Select((a, i) => (a, i)).OrderBy(x => x.a.At).ThenBy(x => x.i).Select(x => x.a))
            latest[(a.Party, a.Party == Party.Third ? a.Speaker : "")] = a;
        if (latest.Count == 0) throw new ArgumentException("A relationship has at least one assertion: the one that proposed it.", nameof(assertions));

        var sides = new[] { Party.Subject, Party.Object }
            .Select(p => latest.GetValueOrDefault((p, ""))).OfType<Assertion>().ToList();
        var thirds = latest.Where(l => l.Key.Item1 == Party.Third).Select(l => l.Value).ToList();

        if (sides.Any(s => s.Stance == Stance.Denies)) return new(RelationshipStatusCode.Disputed, null);
        if (sides.Where(s => s.Stance == Stance.Ends).MaxBy(s => s.At) is { } ended) return new(RelationshipStatusCode.Ended, ended.At);
        if (sides.Count == 2)
            return new(thirds.Any(t => t.Stance == Stance.Asserts) ? RelationshipStatusCode.Corroborated : RelationshipStatusCode.Confirmed, null);
        if (sides.Count == 1) return new(RelationshipStatusCode.Claimed, null);
        if (thirds.Any(t => t.Stance == Stance.Asserts)) return new(RelationshipStatusCode.Proposed, null);
        if (thirds.Where(t => t.Stance == Stance.Ends).MaxBy(t => t.At) is { } thirdEnded) return new(RelationshipStatusCode.Ended, thirdEnded.At);
        return new(RelationshipStatusCode.Disputed, null);
    }
}
