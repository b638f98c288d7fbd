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
    public const int MaxNoteLength = 2_000;
    public const int MaxUrlLength = 2_000;

    /// <summary>
    /// Everything wrong with the draft, each naming its field. The kinds are those of the two
    /// organizations (null when one does not exist, which is reported on its id).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(string? subjectKind, string? objectKind)
    {
        var errors = new List<FieldError>();
        if (subjectKind is null) errors.Add(new("subject_id", $"there is no organization with id {SubjectId}"));
        if (objectKind is null) errors.Add(new("object_id", $"there is no organization with id {ObjectId}"));
        if (SubjectId == ObjectId) errors.Add(new("object_id", "an organization cannot be related to itself"));

        var type = Vocabularies.Relationship.Terms.FirstOrDefault(t => t.Code == Type);
        if (type?.Ends is not { } ends)
        {
            errors.Add(new("type", $"'{Type}' is not a relationship type ({string.Join(", ", Vocabularies.Relationship.Terms.Select(t => t.Code))})"));
        }
        else
        {
            if (subjectKind is not null && !ends.AllowsSubject(subjectKind))
                errors.Add(new("subject_id", $"a {Vocabularies.Kind.LabelOf(subjectKind)} cannot be the subject of {Type} (only {RelationshipEnds.Describe(ends.SubjectKinds)})"));
            if (objectKind is not null && !ends.AllowsObject(objectKind))
                errors.Add(new("object_id", $"a {Vocabularies.Kind.LabelOf(objectKind)} cannot be the object of {Type} (only {RelationshipEnds.Describe(ends.ObjectKinds)})"));
        }

        void Add(string field, string message) => errors.Add(new(field, message));
        OrganizationValidator.CheckDate(StartDate, "start_date", Add);
        OrganizationValidator.CheckDate(EndDate, "end_date", Add);
        if (OrganizationValidator.EndsBefore(StartDate, EndDate)) Add("end_date", $"{EndDate} is before the start date {StartDate}");

        if (Note is { Length: > MaxNoteLength }) errors.Add(new("note", $"is longer than {MaxNoteLength} characters"));
        else if (PlainText.Problem(Note) is { } problem) errors.Add(new("note", problem));
        CheckUrl(EvidenceUrl, "evidence_url", errors);
        return errors;
    }

    /// <summary>An evidence URL: absolute http(s), of a sensible length.</summary>
    public static void CheckUrl(string? url, string field, List<FieldError> errors)
    {
        if (url is null) return;
        if (url.Length > MaxUrlLength) errors.Add(new(field, $"is longer than {MaxUrlLength} characters"));
        else if (!OrganizationValidator.IsWebUrl(url)) errors.Add(new(field, $"'{url}' is not an absolute http(s) URL"));
    }
}
