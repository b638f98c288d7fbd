using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Relationships;

public sealed partial class RelationshipEdits
{
    /// <summary>
    /// Records what an organization publishes on its verified website (<see cref="PublishedRelationshipReader"/>
    /// checked that) as its own statements: voice website, for the side each entry puts it on. A missing
    /// relationship is created (for a statement that it holds or ended; there is nothing to deny), checked as
    /// any new one is; an existing one gets the statement unless that side already says the same, and the
    /// dates it lacks. Each record changed is one revision by <paramref name="reader"/>: the publisher's own
    /// for the links it is the subject of, each member's for a network's list.
    /// </summary>
    public async Task<IReadOnlyList<PublishedEntryResult>> RecordPublishedAsync(User reader, long publisherId, Uri source, IReadOnlyList<ResolvedEntry> entries)
    {
        var results = new PublishedEntryResult[entries.Count];
        var planned = new List<Planned>();
        await using (var connection = await store.OpenAsync())
        {
            var parameters = new DynamicParameters();
            var ids = entries.Select(e => e.OtherId).Append(publisherId).Distinct();
            var kinds = (await connection.QueryAsync<(long Id, string Kind)>($"SELECT id, kind FROM organizations WHERE {SqlList.In("id", "id", ids, parameters)}", parameters))
                .ToDictionary(k => k.Id, k => k.Kind);
            var held = (await connection.QueryAsync<(string Type, long SubjectId, long ObjectId)>(
                "SELECT type, subject_id, object_id FROM relationships WHERE subject_id = @publisherId OR object_id = @publisherId", new { publisherId })).ToHashSet();
            var stated = new Dictionary<(string, long, long), string>();
            for (var i = 0; i < entries.Count; i++)
            {
                var (entry, link, other) = entries[i];
                var (subject, @object, side) = link.Side == Party.Subject ? (publisherId, other, Party.Subject) : (other, publisherId, Party.Object);
                // A symmetric link may already be held by the other end's record: speak on that one.
                if (Vocabularies.Relationship.Find(link.Type)?.Ends?.Symmetric == true && held.Contains((link.Type, @object, subject)))
                    (subject, @object, side) = (@object, subject, side == Party.Subject ? Party.Object : Party.Subject);
                var draft = new RelationshipDraft(subject, @object, link.Type, link.StartDate, link.EndDate, null, link.EvidenceUrl);
                var errors = draft.Validate(kinds.GetValueOrDefault(subject), kinds.GetValueOrDefault(@object));
                if (errors.Count > 0) results[i] = new(entry.Entry, PublishedOutcome.NotRecorded, link, other, null, null,
                    errors.Select(e => new FieldError(FieldOf(entry, e.Field, other == (e.Field == "subject_id" ? subject : @object)), e.Message)).ToList());
                // Stated twice, a link's later statement would undo the earlier one at every read.
                else if (stated.TryGetValue((link.Type, subject, @object), out var first))
                    results[i] = PublishedEntryResult.Refused(entry, new(entry.Entry, $"states the same relationship as {first}; state each relationship once"), other);
                else
                {
                    stated[(link.Type, subject, @object)] = entry.Entry;
                    planned.Add(new(i, subject, @object, side, link));
                }
            }
        }
        foreach (var group in planned.GroupBy(p => p.SubjectId))
        {
            foreach (var (index, result) in await RecordForSubjectAsync(reader, source, group.Key, group.ToList()))
            {
                var at = entries[index].Entry.Entry;
                results[index] = result with
                {
                    Entry = at,
                    OtherId = entries[index].OtherId,
                    Errors = result.Errors.Select(e => new FieldError(e.Field.Length == 0 ? at : $"{at}.{e.Field}", e.Message)).ToList(),
                };
            }
        }
        return results;
    }

    private sealed record Planned(int Index, long SubjectId, long ObjectId, Party Side, PublishedRelationship Link);

    private async Task<Dictionary<int, PublishedEntryResult>> RecordForSubjectAsync(User reader, Uri source, long subjectId, List<Planned> group)
    {
        var results = new Dictionary<int, PublishedEntryResult>();
        OrganizationContent? written = null;
        var note = new ChangeNote(reader.Name, $"Read the relationships published at {source}", UserId: reader.Id);
        var outcome = await ChangeSubjectAsync(subjectId, note, subject =>
        {
            results.Clear();
            var relationships = subject.Relationships.ToList();
            foreach (var p in group)
            {
                var link = p.Link;
                var assertion = new Assertion(p.Side, Voice.Website, link.Stance, clock.GetUtcNow(), source.Host, link.EvidenceUrl ?? source.ToString());
                var index = relationships.FindIndex(r => r.Type == link.Type && r.ObjectId == p.ObjectId);
                if (index < 0 && link.Stance == Stance.Denies)
                {
                    results[p.Index] = Refused(p, "stance", $"there is no {link.Type} relationship with organization {p.ObjectId} to deny");
                    continue;
                }
                var current = index < 0 ? null : relationships[index];
                var start = current?.StartDate ?? link.StartDate;
                var end = current?.EndDate ?? link.EndDate ?? (link.Stance == Stance.Ends ? assertion.At.UtcDateTime.ToString("yyyy-MM-dd") : null);
                if (current is not null && SideSays(current, p.Side) == link.Stance && start == current.StartDate && end == current.EndDate)
                {
                    results[p.Index] = Result(p, PublishedOutcome.Unchanged, current);
                    continue;
                }
                if (current is { Assertions.Count: >= RelationshipRules.MaxAssertions })
                {
                    results[p.Index] = Refused(p, "stance", $"relationship {current.Id} has {RelationshipRules.MaxAssertions} assertions, the most it can hold");
                    continue;
                }
                var changed = current is null
                    ? new Relationship(0, link.Type, p.ObjectId, [assertion], start, end)
                    : current with { Assertions = [.. current.Assertions, assertion], StartDate = start, EndDate = end };
                if (index < 0) relationships.Add(changed);
                else relationships[index] = changed;
                results[p.Index] = Result(p, PublishedOutcome.Recorded, changed);
            }
            return results.Values.Any(r => r.Outcome == PublishedOutcome.Recorded)
                ? (subject with { Relationships = relationships }, null)
                : (null, new RelationshipEditResult(EditOutcome.Unchanged));
        }, content => { written = content; return 0; }, null);

        if (outcome.Outcome is not (EditOutcome.Applied or EditOutcome.Unchanged))
            return group.ToDictionary(p => p.Index, p => Refused(p, "", outcome.Detail ?? "could not be written"));
        // New relationships get their ids when written.
        foreach (var (index, result) in results.Where(r => r.Value.Outcome == PublishedOutcome.Recorded).ToList())
        {
            var p = group.First(g => g.Index == index);
            results[index] = Result(p, PublishedOutcome.Recorded, written!.Relationships.First(r => r.Type == p.Link.Type && r.ObjectId == p.ObjectId));
        }
        return results;
    }

    private static Stance? SideSays(Relationship r, Party side) => r.Assertions.LastOrDefault(a => a.Party == side)?.Stance;

    private static PublishedEntryResult Result(Planned p, PublishedOutcome outcome, Relationship r) =>
        new("", outcome, p.Link, null, r.Id == 0 ? null : r.Id, r.State.Status, []);

    private static PublishedEntryResult Refused(Planned p, string field, string message) =>
        new("", PublishedOutcome.NotRecorded, p.Link, null, null, null, [new FieldError(field, message)]);

    // A draft's fields in the entry's words: the other organization's end is the field that names it.
    private static string FieldOf(PublishedEntry entry, string field, bool otherEnd) => field switch
    {
        "subject_id" or "object_id" => otherEnd ? $"{entry.Entry}.{entry.OtherField}" : $"{entry.Entry}.type",
        _ => $"{entry.Entry}.{field}",
    };
}
