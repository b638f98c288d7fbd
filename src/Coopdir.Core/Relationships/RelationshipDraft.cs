using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>
/// A relationship as someone proposes it: <paramref name="SubjectId"/> stands to <paramref name="ObjectId"/>
/// as <paramref name="Type"/> says (a code of <see cref="Vocabularies.Relationship"/>), between optional
/// dates that may be partial (2012, 2012-09).
/// </summary>
public sealed record RelationshipDraft(
    long SubjectId, long ObjectId, string Type, string? StartDate = null, string? EndDate = null,
    string? Note = null, string? EvidenceUrl = null)
{
    /// <summary>
    /// Everything wrong with the draft, each naming its field. The kinds are those of the two
    /// organizations (null when one does not exist, which is reported on its id).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(string? subjectKind, string? objectKind)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new(field, message));
        if (subjectKind is null) Add("subject_id", $"there is no organization with id {SubjectId}");
        if (objectKind is null) Add("object_id", $"there is no organization with id {ObjectId}");
        if (SubjectId == ObjectId) Add("object_id", "an organization cannot be related to itself");

        if (RelationshipRules.CheckType(Type, "type", Add) && Vocabularies.Relationship.Find(Type)?.Ends is { } ends)
        {
            if (subjectKind is not null && !ends.AllowsSubject(subjectKind))
                Add("subject_id", $"a {Vocabularies.Kind.LabelOf(subjectKind)} cannot be the subject of {Type} (only {RelationshipEnds.Describe(ends.SubjectKinds)})");
            if (objectKind is not null && !ends.AllowsObject(objectKind))
                Add("object_id", $"a {Vocabularies.Kind.LabelOf(objectKind)} cannot be the object of {Type} (only {RelationshipEnds.Describe(ends.ObjectKinds)})");
        }
        RelationshipRules.CheckFields(StartDate, EndDate, Note, "", Add);
        RelationshipRules.CheckUrl(EvidenceUrl, "evidence_url", Add);
        return errors;
    }
}
