using System.Data.Common;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Relationships;

/// <summary>What a relationship edit did: the relationship it wrote, or the proposal it queued, or why neither.</summary>
public sealed record RelationshipEditResult(
    EditOutcome Outcome, long? RelationshipId = null, long? ProposalId = null, IReadOnlyList<FieldError>? Errors = null, string? Detail = null)
{
    public static RelationshipEditResult Invalid(IReadOnlyList<FieldError> errors) => new(EditOutcome.Invalid, Errors: errors);
    public static RelationshipEditResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);
}

/// <summary>
/// Who may say what about a relationship, in one place. A verified claimer speaks for its organization's
/// side (subject or object); an editor speaks as a third party; anyone else's new relationship waits for
/// review as a proposal. Every change is an update of the subject's record through
/// <see cref="OrganizationWriter"/>, so it is a revision like any other: in history, revertible, in the feed.
/// </summary>
public sealed partial class RelationshipEdits(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    /// <summary>A new relationship: written at once when the author speaks for a side or edits, else proposed.</summary>
    public async Task<RelationshipEditResult> AddAsync(User author, RelationshipDraft draft)
    {
        Party? party;
        await using (var connection = await store.OpenAsync())
        {
            if (await CheckAsync(connection, draft) is { Count: > 0 } errors) return RelationshipEditResult.Invalid(errors);
            party = await SideOfAsync(connection, author, draft.SubjectId, draft.ObjectId);
        }
        if (party is null && !author.Can(Roles.Editor)) return await ProposeAsync(author, draft);
        var voice = party is null ? Voice.Editor : Voice.Claimer;
        var assertion = new Assertion(party ?? Party.Third, voice, Stance.Asserts, clock.GetUtcNow(), author.Name, draft.EvidenceUrl);
        return await AddWrittenAsync(draft, assertion, new ChangeNote(author.Name, Summary(draft, "Added"), UserId: author.Id), null);
    }

    /// <summary>
    /// Someone speaks on an existing relationship: asserts (or confirms), denies, or ends it. The side
    /// they speak for needs its verified claimer; a third party, an editor.
    /// </summary>
    public async Task<RelationshipEditResult> AssertAsync(User user, long relationshipId, Party party, Stance stance, string? evidenceUrl)
    {
        var errors = new List<FieldError>();
        RelationshipRules.CheckUrl(evidenceUrl, "evidence_url", (field, message) => errors.Add(new(field, message)));
        if (errors.Count > 0) return RelationshipEditResult.Invalid(errors);
        (long SubjectId, long ObjectId)? ends;
        await using (var connection = await store.OpenAsync())
        {
            ends = await EndsAsync(connection, relationshipId);
            if (ends is null) return new(EditOutcome.NotFound, Detail: $"There is no relationship {relationshipId}.");
            var allowed = party switch
            {
                Party.Subject => await ListingClaims.IsVerifiedClaimerAsync(connection, ends.Value.SubjectId, user.Id),
                Party.Object => await ListingClaims.IsVerifiedClaimerAsync(connection, ends.Value.ObjectId, user.Id),
                _ => user.Can(Roles.Editor),
            };
            if (!allowed)
                return new(EditOutcome.Forbidden, relationshipId, Detail: party == Party.Third
                    ? "Only editors and above speak for a third party on an existing relationship."
                    : $"Only a verified claimer of the {RelationshipText.Of(party)} organization speaks for its side; claim its listing first.");
        }
        var assertion = new Assertion(party, party == Party.Third ? Voice.Editor : Voice.Claimer, stance, clock.GetUtcNow(), user.Name, evidenceUrl);
        var note = new ChangeNote(user.Name, $"The {RelationshipText.Of(party)} {Said(stance)} relationship {relationshipId}", UserId: user.Id);
        return await SpeakAsync(ends.Value.SubjectId, relationshipId, assertion, note);
    }

    /// <summary>Applies a pending proposal of a new relationship, as its author's third-party assertion vouched for by the reviewer.</summary>
    public async Task<EditResult> ApproveAsync(User reviewer, Proposal proposal)
    {
        var draft = DraftOf(proposal);
        if (draft is null) return EditResult.Invalid("patch", "the proposal does not hold a relationship");
        await using (var connection = await store.OpenAsync())
        {
            if (await CheckAsync(connection, draft) is { Count: > 0 } errors) return EditResult.Invalid(errors);
        }
        var assertion = new Assertion(Party.Third, Voice.Editor, Stance.Asserts, clock.GetUtcNow(), proposal.AuthorName, draft.EvidenceUrl);
        var note = new ChangeNote(proposal.AuthorName, $"{proposal.Summary} (approved by {reviewer.Name})", UserId: proposal.AuthorId);
        var result = await AddWrittenAsync(draft, assertion, note, async (session, revision) =>
            await Proposals.ReviewAsync(session, proposal.Id, ProposalStatus.Approved, reviewer.Id, null, revision, draft.SubjectId, Now()));
        return result.Outcome == EditOutcome.Applied
            ? new EditResult(EditOutcome.Applied, draft.SubjectId, ProposalId: proposal.Id)
            : new EditResult(result.Outcome, draft.SubjectId, ProposalId: proposal.Id, Errors: result.Errors, Detail: result.Detail);
    }

    /// <summary>The relationship a "relate" proposal asks for.</summary>
    public static RelationshipDraft? DraftOf(Proposal proposal) =>
        proposal.Action == ProposalActions.Relate ? JsonSerializer.Deserialize<RelationshipDraft>(proposal.PatchJson, PublicJson.Options) : null;

    private async Task<RelationshipEditResult> ProposeAsync(User author, RelationshipDraft draft)
    {
        await using var session = await store.BeginWriteAsync();
        var revision = await session.ScalarAsync<int>("SELECT revision FROM organizations WHERE id = @SubjectId", draft);
        var id = await Proposals.InsertAsync(session, ProposalActions.Relate, draft.SubjectId, null, revision,
            JsonSerializer.Serialize(draft, PublicJson.Options), Summary(draft, "Add"), author.Id, ProposalStatus.Pending, null, Now());
        await session.CommitAsync();
        return new(EditOutcome.Queued, ProposalId: id, Detail: "Waiting for review: only editors, and verified claimers of either organization, add relationships directly.");
    }

    private Task<RelationshipEditResult> AddWrittenAsync(RelationshipDraft draft, Assertion assertion, ChangeNote note, Func<WriteSession, int, Task>? alsoAsync) =>
        ChangeSubjectAsync(draft.SubjectId, note, subject =>
        {
            if (Duplicate(subject.Relationships, draft) is { } existing) return (null, DuplicateError(draft, existing));
            var added = new Relationship(0, draft.Type, draft.ObjectId, [assertion], draft.StartDate, draft.EndDate, draft.Note);
            return (subject with { Relationships = [.. subject.Relationships, added] }, null);
        }, written => written.Relationships.First(r => r.Type == draft.Type && r.ObjectId == draft.ObjectId).Id, alsoAsync);

    private Task<RelationshipEditResult> SpeakAsync(long subjectId, long relationshipId, Assertion assertion, ChangeNote note) =>
        ChangeSubjectAsync(subjectId, note, subject =>
        {
            var index = subject.Relationships.ToList().FindIndex(r => r.Id == relationshipId);
            if (index < 0) return (null, new(EditOutcome.NotFound, Detail: $"There is no relationship {relationshipId}."));
            var r = subject.Relationships[index];
            if (r.Assertions.Count >= RelationshipRules.MaxAssertions)
                return (null, RelationshipEditResult.Invalid("stance", $"relationship {relationshipId} has {RelationshipRules.MaxAssertions} assertions, the most it can hold"));
            if (r.Assertions.Count(a => SameVoice(a, assertion)) >= RelationshipRules.MaxPerVoice)
                return (null, RelationshipEditResult.Invalid("stance", $"the {RelationshipText.Of(assertion.Party)} has spoken {RelationshipRules.MaxPerVoice} times on relationship {relationshipId}, the most one voice may"));
            if (LatestOf(r, assertion) is { } latest && latest.Stance == assertion.Stance && latest.EvidenceUrl == assertion.EvidenceUrl)
                return (null, RelationshipEditResult.Invalid("stance", $"the {RelationshipText.Of(assertion.Party)} already {Said(assertion.Stance)} relationship {relationshipId}"));
            // Ending it without an end date: it ended today.
            var endDate = assertion.Stance == Stance.Ends && r.EndDate is null ? assertion.At.UtcDateTime.ToString("yyyy-MM-dd") : r.EndDate;
            var changed = r with { Assertions = [.. r.Assertions, assertion], EndDate = endDate };
            return (subject with { Relationships = subject.Relationships.Select((x, i) => i == index ? changed : x).ToList() }, null);
        }, _ => relationshipId, null);

    /// <summary>
    /// Reads the subject, changes it and writes it as one revision, trying again if another write got
    /// in between (the update is conditional on the revision read).
    /// </summary>
    private async Task<RelationshipEditResult> ChangeSubjectAsync(long subjectId, ChangeNote note,
        Func<OrganizationContent, (OrganizationContent? Changed, RelationshipEditResult? Refusal)> change,
        Func<OrganizationContent, long> relationshipOf, Func<WriteSession, int, Task>? alsoAsync)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = await store.BeginWriteAsync();
            var subject = await OrganizationQueries.GetAsync(session, subjectId);
            if (subject is null) return new(EditOutcome.NotFound, Detail: $"There is no organization with id {subjectId}.");
            var (changed, refusal) = change(subject.Content);
            if (refusal is not null) return refusal;
            var written = await writer.UpdateAsync(session, subjectId, changed!, note, subject.Revision);
            if (written.Outcome == WriteOutcome.Conflict && attempt < 3) continue;
            if (written.Outcome != WriteOutcome.Updated)
                return new(written.Outcome == WriteOutcome.NotFound ? EditOutcome.NotFound : EditOutcome.Conflict,
                    Detail: $"Organization {subjectId} changed meanwhile; try again.");
            if (alsoAsync is not null) await alsoAsync(session, written.Revision);
            var id = relationshipOf((await OrganizationQueries.GetAsync(session, subjectId))!.Content);
            await session.CommitAsync();
            return new(EditOutcome.Applied, id);
        }
    }

    /// <summary>The draft's own rules, the kinds at its ends, and that it is not there already.</summary>
    private static async Task<List<FieldError>> CheckAsync(DbConnection connection, RelationshipDraft draft)
    {
        var kinds = (await connection.QueryAsync<(long Id, string Kind)>(
            "SELECT id, kind FROM organizations WHERE id IN (@SubjectId, @ObjectId)", draft)).ToDictionary(k => k.Id, k => k.Kind);
        var errors = draft.Validate(kinds.GetValueOrDefault(draft.SubjectId), kinds.GetValueOrDefault(draft.ObjectId)).ToList();
        if (errors.Count > 0) return errors;
        var symmetric = Vocabularies.Relationship.Find(draft.Type)?.Ends?.Symmetric == true;
        var existing = await connection.QueryFirstOrDefaultAsync<long?>("""
            SELECT id FROM relationships
            WHERE type = @Type AND ((subject_id = @SubjectId AND object_id = @ObjectId) OR (@symmetric AND subject_id = @ObjectId AND object_id = @SubjectId))
            """, new { draft.Type, draft.SubjectId, draft.ObjectId, symmetric });
        if (existing is { } id) errors.Add(DuplicateError(draft, id).Errors![0]);
        return errors;
    }

    private static long? Duplicate(IReadOnlyList<Relationship> relationships, RelationshipDraft draft) =>
        relationships.FirstOrDefault(r => r.Type == draft.Type && r.ObjectId == draft.ObjectId)?.Id;

    private static RelationshipEditResult DuplicateError(RelationshipDraft draft, long existing) => RelationshipEditResult.Invalid("object_id",
        $"organizations {draft.SubjectId} and {draft.ObjectId} already have a {draft.Type} relationship ({existing}); add an assertion to it instead");

    /// <summary>Which side the user speaks for: the subject's or the object's verified claimer (the subject first), or neither.</summary>
    private static async Task<Party?> SideOfAsync(DbConnection connection, User user, long subjectId, long objectId) =>
        await ListingClaims.IsVerifiedClaimerAsync(connection, subjectId, user.Id) ? Party.Subject
        : await ListingClaims.IsVerifiedClaimerAsync(connection, objectId, user.Id) ? Party.Object
        : null;

    private static async Task<(long SubjectId, long ObjectId)?> EndsAsync(DbConnection connection, long relationshipId) =>
        (await connection.QueryAsync<(long, long)>("SELECT subject_id, object_id FROM relationships WHERE id = @relationshipId", new { relationshipId }))
            .Select(ends => ((long, long)?)ends).FirstOrDefault();

    // The latest statement of the same voice: a side is one voice, a third party one per speaker.
    private static Assertion? LatestOf(Relationship r, Assertion a) => r.Assertions.LastOrDefault(x => SameVoice(x, a));

    private static bool SameVoice(Assertion x, Assertion a) => x.Party == a.Party && (a.Party != Party.Third || x.Speaker == a.Speaker);

    private static string Said(Stance stance) => stance switch { Stance.Asserts => "asserts", Stance.Denies => "denies", _ => "ends" };

    private static string Summary(RelationshipDraft d, string verb) => $"{verb} {d.Type} relationship with organization {d.ObjectId}";

    private string Now() => clock.GetUtcNow().ToString("O");
}
