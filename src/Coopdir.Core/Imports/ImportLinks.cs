using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Imports;

/// <summary>What writing a file's links did.</summary>
/// <param name="Added">Relationships the source asserted for the first time (new, or its word added to one people or another source made).</param>
/// <param name="Unchanged">Relationships the source had asserted already: left as they stand, whatever was said since.</param>
/// <param name="Skipped">Links with an end that was not written (a rejected row, or a record deleted in the directory).</param>
public sealed record LinkCounts(int Added = 0, int Unchanged = 0, int Skipped = 0);

/// <summary>
/// Writes a file's <see cref="ImportLink"/>s once its records are written, in the same write session: each
/// end is found through the source's records (so a row merged into another source's organization links
/// that organization), and the link becomes a relationship of its subject, with one assertion: the
/// dataset's (<see cref="Voice.Dataset"/>, speaking as the source) for the party the file speaks for.
/// Relationships are not claims, so <see cref="Sources.FieldMerge"/> keeps them across re-merges. The
/// source asserts a relationship once: a re-import leaves it as it stands, so a side that denied or ended
/// it since is not overruled. A link the file no longer has is left as it was (the source said it then;
/// people end it); retiring the source leaves its assertions too.
/// </summary>
internal static class ImportLinks
{
    public static async Task<LinkCounts> WriteAsync(WriteSession session, OrganizationWriter writer, IReadOnlyList<ImportLink> links,
        Func<string, long?> organizationOf, string sourceName, ChangeNote note, DateTimeOffset at, List<RowError> errors)
    {
        int added = 0, unchanged = 0, skipped = 0;
        var resolved = new List<(ImportLink Link, long Subject, long Object)>();
        foreach (var link in links)
        {
            if (organizationOf(link.SubjectRecordId) is { } subject && organizationOf(link.ObjectRecordId) is { } @object)
                resolved.Add((link, subject, @object));
            else skipped++;
        }
        // Subjects in id order, as every writer locks records.
        foreach (var group in resolved.GroupBy(r => r.Subject).OrderBy(g => g.Key))
        {
            var content = await writer.ContentAsync(session, group.Key);
            if (content is null) { skipped += group.Count(); continue; }
            var relationships = content.Relationships.ToList();
            foreach (var (link, subject, @object) in group)
            {
                var objectKind = await session.ScalarAsync<string>("SELECT kind FROM organizations WHERE id = @object", new { @object });
                if (new RelationshipDraft(subject, @object, link.Type).Validate(content.Kind, objectKind) is { Count: > 0 } invalid)
                {
                    errors.Add(new RowError(link.Line, link.Type, $"{link.SubjectRecordId} {link.Type} {link.ObjectRecordId}: {invalid[0].Field}: {invalid[0].Message}"));
                    continue;
                }
                var assertion = new Assertion(link.Party, Voice.Dataset, Stance.Asserts, at, sourceName);
                var index = relationships.FindIndex(r => r.Type == link.Type && r.ObjectId == @object);
                if (index < 0) relationships.Add(new Relationship(0, link.Type, @object, [assertion]));
                else if (relationships[index].Assertions.Any(a => a.Voice == Voice.Dataset && a.Party == link.Party && a.Speaker == sourceName))
                {
                    unchanged++;
                    continue;
                }
                else relationships[index] = relationships[index] with { Assertions = [.. relationships[index].Assertions, assertion] };
                added++;
            }
            if (relationships.Count != content.Relationships.Count || !relationships.SequenceEqual(content.Relationships))
                await writer.UpdateAsync(session, group.Key, content with { Relationships = relationships }, note);
        }
        return new LinkCounts(added, unchanged, skipped);
    }
}
