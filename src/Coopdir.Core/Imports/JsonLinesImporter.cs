using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Imports;

/// <summary>What reading a JSON Lines export back did.</summary>
/// <param name="KeptIds">Whether records kept their ids, slugs and revision numbers (only into an empty directory).</param>
public sealed record JsonLinesReport(int Lines, int Added, int Updated, bool Written, bool KeptIds, IReadOnlyList<RowError> Errors);

/// <summary>
/// Reads Coopdir's own JSON Lines export back (see JsonLinesExport): every record with its source and
/// licence, and its relationships (those it is the subject of, with their assertions; a file from before
/// relationships has member_of lists, which become relationships a dataset asserts). Into an empty
/// directory it is a restore: the same ids, slugs, revision numbers and times, so exporting again gives
/// the same bytes. Into a directory that has records, they are added under new ids (or update the record
/// from the same source record) and relationships follow the new ids. The file is read three times
/// rather than held: to check it, to write the records, and to write the relationships; all of it in one transaction.
/// </summary>
public sealed class JsonLinesImporter(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    public async Task<JsonLinesReport> RunAsync(string path, string author, bool dryRun = false)
    {
        var (lines, errors) = Check(path);
        if (errors.Count > 0) return new JsonLinesReport(lines, 0, 0, false, false, errors);

        await using var session = await store.BeginWriteAsync(bulk: true);
        var keepIds = await IsEmptyAsync(session);
        var note = new ChangeNote(author, $"Import of {Path.GetFileName(path)} (Coopdir JSON Lines)");
        var sources = new Dictionary<string, SourceInfo>();
        var newIds = new Dictionary<long, long>();
        int added = 0, updated = 0;
        foreach (var (_, record) in Read(path))
        {
            var detail = record!;
            var source = detail.Source is null ? null : await SourceOfAsync(session, detail.Source, sources);
            var content = ToContent(detail, path) with { SourceId = source?.Id, SourceRecordId = source is null ? null : detail.Source!.RecordId };
            if (keepIds)
            {
                await writer.RestoreAsync(session, new RestoredOrganization(detail.Id, detail.Slug, content, detail.Revision, detail.CreatedAt, detail.UpdatedAt), note);
                added++;
                continue;
            }
            var existing = source is null || content.SourceRecordId is null ? null
                : await session.QuerySingleOrDefaultAsync<long?>(
                    "SELECT id FROM organizations WHERE source_id = @Id AND source_record_id = @SourceRecordId", new { source.Id, content.SourceRecordId });
            var result = existing is null
                ? await writer.CreateAsync(session, content with { Relationships = [] }, note)
                : await writer.UpdateAsync(session, existing.Value, content with { Relationships = [] }, note);
            if (result.Outcome == WriteOutcome.Created) added++;
            else if (result.Outcome == WriteOutcome.Updated) updated++;
            // Deleted meanwhile: its relationships have nothing to attach to.
            if (result.Outcome != WriteOutcome.NotFound) newIds[detail.Id] = result.Id;
        }
        if (keepIds) await writer.FinishRestoreAsync(session);

        foreach (var (_, record) in Read(path))
        {
            var relationships = ToContent(record!, path).Relationships;
            if (relationships.Count == 0) continue;
            if (keepIds) await writer.RestoreRelationshipsAsync(session, record!.Id);
            else if (newIds.TryGetValue(record!.Id, out var id) && await OrganizationQueries.GetAsync(session, id) is { } current)
            {
                await writer.UpdateAsync(session, id, current.Content with
                {
                    // Under new ids, relationships are new too.
                    Relationships = relationships.Where(r => newIds.ContainsKey(r.ObjectId))
                        .Select(r => r with { Id = 0, ObjectId = newIds[r.ObjectId] }).ToList(),
                }, note);
            }
        }
        if (keepIds) await OrganizationWriter.KeepRelationshipIdsAsync(session);

        // A dry run ends without committing: disposing the session rolls everything back.
        if (!dryRun) await session.CommitAsync();
        return new JsonLinesReport(lines, added, updated, !dryRun, keepIds, []);
    }

    /// <summary>Every line parsed and validated, every relationship pointing at a record in the file.</summary>
    private static (int Lines, List<RowError> Errors) Check(string path)
    {
        var errors = new List<RowError>();
        var ids = new HashSet<long>();
        var references = new List<(int Line, string Field, long Id)>();
        var lines = 0;
        foreach (var (line, record) in Read(path, errors))
        {
            lines = line;
            if (record is null) continue;
            if (!ids.Add(record.Id)) errors.Add(new RowError(line, "id", $"{record.Id} appears more than once"));
            if (record.Source is not null && Licences.Find(record.Source.Licence?.Id ?? "") is null)
                errors.Add(new RowError(line, "source.licence.id", $"'{record.Source.Licence?.Id}' is not a known licence"));
            foreach (var error in AssertionErrors(record).Concat(OrganizationValidator.Validate(ToContent(record, path))))
                errors.Add(new RowError(line, error.Field, error.Message));
            var relationships = ToContent(record, path).Relationships;
            for (var i = 0; i < relationships.Count; i++) references.Add((line, $"relationships[{i}].object.id", relationships[i].ObjectId));
        }
        foreach (var (line, field, id) in references.Where(r => !ids.Contains(r.Id)))
            errors.Add(new RowError(line, field, $"organization {id} is not in the file"));
        return (lines, errors.OrderBy(e => e.Line).ToList());
    }

    private static IEnumerable<(int Line, OrganizationDetail? Record)> Read(string path, List<RowError>? errors = null)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path, Input.ImportText.Encoding))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            // A line with bytes that are not UTF-8 is refused, not stored mangled.
            if (text.IndexOf(Input.ImportText.InvalidByte) is var bad and >= 0)
            {
                errors?.Add(new RowError(number, "line", $"is not valid UTF-8 at character {bad + 1}"));
                yield return (number, null);
                continue;
            }
            OrganizationDetail? record = null;
            try
            {
                record = JsonSerializer.Deserialize<OrganizationDetail>(text, PublicJson.Options);
                if (record is null) errors?.Add(new RowError(number, "line", "is not a JSON object"));
            }
            catch (JsonException e)
            {
                errors?.Add(new RowError(number, e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "line", $"is not valid JSON: {e.Message}"));
            }
            yield return (number, record);
        }
    }

    // Ids are never reused, so a directory that ever held a record (even a deleted one) takes new ids.
    private static async Task<bool> IsEmptyAsync(WriteSession session) =>
        await session.ScalarAsync<long>("SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM organization_tombstones)") == 0;

    private async Task<SourceInfo> SourceOfAsync(WriteSession session, SourceDetail detail, Dictionary<string, SourceInfo> cache)
    {
        if (cache.TryGetValue(detail.Name, out var known)) return known;
        var source = await SourceRegistry.UpsertAsync(session, detail.Name, Licences.Find(detail.Licence.Id)!.Id, detail.Attribution, detail.Url, clock.GetUtcNow(), bringBack: false);
        cache[detail.Name] = source;
        return source;
    }

    // Assertions in words that are not ours are left out of the content; here they are reported.
    private static IEnumerable<FieldError> AssertionErrors(OrganizationDetail d) =>
        (d.Relationships ?? []).SelectMany((r, i) => (r.Assertions ?? []).Select((a, j) => (a, at: $"relationships[{i}].assertions[{j}]")))
            .Where(x => x.a.ToAssertion() is null)
            .Select(x => new FieldError(x.at, $"'{x.a.Party}', '{x.a.Voice}', '{x.a.Stance}' is not a party (subject, object, third), voice (claimer, editor, dataset, website) and stance (asserts, denies, ends)"));

    private static IReadOnlyList<Relationship> RelationshipsOf(OrganizationDetail d, string path)
    {
        var own = (d.Relationships ?? []).Where(r => r.Subject?.Id == d.Id).ToList();
        if (own.Count > 0 || d.Relationships is { Count: > 0 })
            return own.Select(r => new Relationship(r.Id, r.Type ?? "", r.Object?.Id ?? 0,
                (r.Assertions ?? []).Select(a => a.ToAssertion()).OfType<Assertion>().ToList(), r.StartDate, r.EndDate, r.Note)).ToList();
        // A file from before relationships: its memberships, as the file's own assertions.
        return (d.MemberOf ?? []).Select(m => new Relationship(0, RelationshipTypes.MemberOf, m.OrganizationId,
            [new Assertion(Party.Third, Voice.Dataset, Stance.Asserts, d.UpdatedAt, d.Source?.Name ?? Path.GetFileName(path))],
            m.StartDate, m.EndDate)).ToList();
    }

    private static OrganizationContent ToContent(OrganizationDetail d, string path) => new()
    {
        Name = d.Name ?? "",
        AlternateNames = d.AlternateNames ?? [],
        Kind = d.Kind ?? "",
        Types = d.Types ?? [],
        Sector = d.Sector,
        Description = d.Description,
        DescriptionsByLanguage = (d.DescriptionsByLanguage ?? []).Select(t => new LanguageText(t.Language, t.Text)).ToList(),
        Status = d.Status ?? OrganizationStatus.Unknown,
        FoundedOn = d.FoundedOn,
        DissolvedOn = d.DissolvedOn,
        Website = d.Website,
        Email = d.Email,
        Phone = d.Phone,
        Counts = d.Counts is null ? null : new MembershipCounts(d.Counts.Members, d.Counts.Workers, d.Counts.Employees, d.Counts.Year),
        Locations = (d.Locations ?? []).Select(l => new Location(l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude)).ToList(),
        Identifiers = (d.Identifiers ?? []).Select(i => new Identifier(i.Scheme, i.Value)).ToList(),
        Classifications = (d.Classifications ?? []).Select(c => new Classification(c.Scheme, c.Code)).ToList(),
        Relationships = RelationshipsOf(d, path),
    };
}
