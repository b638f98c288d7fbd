using System.Text.Json.Serialization;

namespace Coopdir.Core.Relationships;

/// <summary>
/// A relationship as its subject's record holds it: the subject stands to <paramref name="ObjectId"/> as
/// <paramref name="Type"/> says, between optional (partial) dates. It lives in the subject's record, so
/// proposing, reviewing, history, revert, the changes feed and mirrors treat it as any other change of
/// that record; the object sees it as an incoming relationship. <paramref name="Id"/> is stable and never
/// reused (0 until the writer gives it one); <paramref name="Assertions"/> are only ever appended to.
/// </summary>
public sealed record Relationship(
    long Id, string Type, long ObjectId, IReadOnlyList<Assertion> Assertions,
    string? StartDate = null, string? EndDate = null, string? Note = null)
{
    [JsonIgnore]
    public RelationshipState State => RelationshipStatus.Of(Assertions);

    /// <summary>
    /// One relationship per type and object, when a merge brings two together: the first keeps its id,
    /// dates and note, and gains the other's assertions (in time order), so nobody's word is lost.
    /// </summary>
    public static List<Relationship> Fold(IEnumerable<Relationship> relationships) =>
        relationships.GroupBy(r => (r.Type, r.ObjectId))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Assertions = g.SelectMany(r => r.Assertions).Distinct().OrderBy(a => a.At).ToList(),
                StartDate = g.First().StartDate ?? g.Select(r => r.StartDate).FirstOrDefault(d => d is not null),
                EndDate = g.First().EndDate ?? g.Select(r => r.EndDate).FirstOrDefault(d => d is not null),
            })
            .ToList();
}

/// <summary>One relationship seen from either of its organizations, with both names for display.</summary>
public sealed record RelationshipView(
    long Id, string Type, long SubjectId, string SubjectName, long ObjectId, string ObjectName,
    string? StartDate, string? EndDate, string? Note, RelationshipState State, IReadOnlyList<Assertion> Assertions)
{
    /// <summary>Whether it holds now: neither ended nor disputed by a side.</summary>
    public bool IsCurrent => State.Status is not (RelationshipStatusCode.Ended or RelationshipStatusCode.Disputed);

    public long OtherThan(long id) => SubjectId == id ? ObjectId : SubjectId;

    public string OtherNameThan(long id) => SubjectId == id ? ObjectName : SubjectName;
}
