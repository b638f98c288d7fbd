using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Relationships;

/// <summary>POST /api/v1/relationships: the subject stands to the object as the type says.</summary>
public sealed record RelationshipRequest(
    long SubjectId, long ObjectId, string Type, string? StartDate = null, string? EndDate = null, string? Note = null, string? EvidenceUrl = null)
{
    public RelationshipDraft ToDraft() => new(SubjectId, ObjectId, Type ?? "", StartDate, EndDate, Note, EvidenceUrl);
}

/// <summary>POST /api/v1/relationships/{id}/assertions: which side speaks, and what it says. How it speaks is the server's to say.</summary>
public sealed record AssertionRequest(string Party, string Stance, string? EvidenceUrl = null)
{
    public (Party? Party, Stance? Stance, IReadOnlyList<FieldError> Errors) Parse()
    {
        var errors = new List<FieldError>();
        var party = RelationshipText.Parse<Party>(Party);
        if (party is null) errors.Add(new("party", $"'{Party}' is not one of {string.Join(", ", RelationshipText.Words<Party>())}"));
        var stance = RelationshipText.Parse<Stance>(Stance);
        if (stance is null) errors.Add(new("stance", $"'{Stance}' is not one of {string.Join(", ", RelationshipText.Words<Stance>())}"));
        return (party, stance, errors);
    }
}

/// <summary>A page of relationships.</summary>
public sealed record RelationshipList(long Total, int Page, int PageSize, IReadOnlyList<RelationshipDetail> Items);

/// <summary>One step of a relationship's history: the subject's revision, its status before and after, and what was said.</summary>
public sealed record RelationshipStepDetail(
    long SubjectId, int Revision, DateTimeOffset At, string Author, string Summary, string? StatusBefore, string? StatusAfter, AssertionDetail? Assertion)
{
    public static RelationshipStepDetail From(RelationshipStep s) => new(s.SubjectId, s.Revision, s.At, s.Author, s.Summary,
        s.Before is { } b ? RelationshipText.Of(b) : null, s.After is { } a ? RelationshipText.Of(a) : null,
        s.Added is null ? null : AssertionDetail.From(s.Added));
}
