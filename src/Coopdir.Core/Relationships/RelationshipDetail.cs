namespace Coopdir.Core.Relationships;

/// <summary>
/// The public JSON of one relationship: what GET /api/v1/relationships/{id} returns, and how an
/// organization's record lists its relationships (its own and those naming it) in the API and in
/// JSON Lines exports. Status and ended_at are computed from the assertions.
/// </summary>
public sealed record RelationshipDetail(
    long Id, string Type, RelatedOrganization Subject, RelatedOrganization Object,
    string? StartDate, string? EndDate, string? Note, string Status, DateTimeOffset? EndedAt,
    IReadOnlyList<AssertionDetail> Assertions)
{
    public static RelationshipDetail From(RelationshipView r) => new(
        r.Id, r.Type, new(r.SubjectId, r.SubjectName), new(r.ObjectId, r.ObjectName),
        r.StartDate, r.EndDate, r.Note, RelationshipText.Of(r.State.Status), r.State.EndedAt,
        r.Assertions.Select(AssertionDetail.From).ToList());
}

public sealed record RelatedOrganization(long Id, string Name);

/// <summary>One assertion: which party spoke, how (claimer, editor, dataset, website), what it said, when, who, and the evidence.</summary>
public sealed record AssertionDetail(string Party, string Voice, string Stance, DateTimeOffset At, string Speaker, string? EvidenceUrl)
{
    public static AssertionDetail From(Assertion a) =>
        new(RelationshipText.Of(a.Party), RelationshipText.Of(a.Voice), RelationshipText.Of(a.Stance), a.At, a.Speaker, a.EvidenceUrl);

    /// <summary>Back from the public form (a JSON Lines import); null when a word is not one of ours.</summary>
    public Assertion? ToAssertion() =>
        RelationshipText.Parse<Relationships.Party>(Party) is { } party
        && RelationshipText.Parse<Relationships.Voice>(Voice) is { } voice
        && RelationshipText.Parse<Relationships.Stance>(Stance) is { } stance
            ? new Assertion(party, voice, stance, At, Speaker, EvidenceUrl)
            : null;
}
