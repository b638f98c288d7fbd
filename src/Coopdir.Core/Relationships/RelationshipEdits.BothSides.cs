using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

public sealed partial class RelationshipEdits
{
    /// <summary>
    /// Writes both sides' word on a relationship in one revision, for a caller that has both: added if new, else each
    /// side's assertion appended where its latest word differs (and an end date cleared, as it holds again). A side
    /// whose latest word denies or ends it is not spoken over: that is a conflict for the side to settle itself.
    /// </summary>
    public Task<RelationshipEditResult> AffirmBothSidesAsync(long subjectId, string type, long objectId, Assertion subjectSays, Assertion objectSays, ChangeNote note) =>
        ChangeSubjectAsync(subjectId, note, subject =>
        {
            var index = subject.Relationships.ToList().FindIndex(r => r.Type == type && r.ObjectId == objectId);
            if (index < 0)
                return (subject with { Relationships = [.. subject.Relationships, new Relationship(0, type, objectId, [subjectSays, objectSays])] }, null);
            var r = subject.Relationships[index];
            if (LatestOf(r, subjectSays) is { Stance: not Stance.Asserts })
                return (null, new(EditOutcome.Conflict, r.Id, Detail: $"Organization {subjectId} itself says it no longer holds relationship {r.Id} ({type}): only it can say so again."));
            var added = new[] { subjectSays, objectSays }.Where(a => LatestOf(r, a) is not { Stance: Stance.Asserts }).ToList();
            if (added.Count == 0) return (null, new(EditOutcome.Unchanged, r.Id));
            var changed = r with { Assertions = [.. r.Assertions, .. added], EndDate = null };
            return (subject with { Relationships = subject.Relationships.Select((x, i) => i == index ? changed : x).ToList() }, null);
        }, written => written.Relationships.First(x => x.Type == type && x.ObjectId == objectId).Id, null);
}
