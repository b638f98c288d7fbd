using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>What reading a JSON Lines export back did.</summary>
/// <param name="KeptIds">Whether records kept their ids, slugs and revision numbers (only into an empty directory).</param>
public sealed record JsonLinesReport(int Lines, int Added, int Updated, bool Written, bool KeptIds, IReadOnlyList<RowError> Errors);

/// <summary>
/// Reads Coopdir's own JSON Lines export back (see JsonLinesExport): every record with its source and
/// licence, and its memberships. Into an empty directory it is a restore: the same ids, slugs, revision
/// numbers and times, so exporting again gives the same bytes. Into a directory that has records, they
/// are added under new ids (or update the record from the same source record) and memberships follow
/// the new ids. The file is read three times rather than held: to check it, to write the records, and
/// to write the memberships; all of it in one transaction.
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
            var content = ToContent(detail) with { SourceId = source?.Id, SourceRecordId = source is null ? null : detail.Source!.RecordId };
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
                ? await writer.CreateAsync(session, content with { MemberOf = [] }, note)
                : await writer.UpdateAsync(session, existing.Value, content with { MemberOf = [] }, note);
            if (result.Outcome == WriteOutcome.Created) added++;
            else if (result.Outcome == WriteOutcome.Updated) updated++;
            // Deleted meanwhile: its memberships have nothing to attach to.
            if (result.Outcome != WriteOutcome.NotFound) newIds[detail.Id] = result.Id;
        }
        if (keepIds) await writer.FinishRestoreAsync(session);

        foreach (var (_, record) in Read(path))
        {
            var links = ToContent(record!).MemberOf;
            if (links.Count == 0) continue;
            if (keepIds) await writer.RestoreMembershipsAsync(session, record!.Id, links);
            else if (newIds.TryGetValue(record!.Id, out var id) && await OrganizationQueries.GetAsync(session, id) is { } current)
            {
                await writer.UpdateAsync(session, id, current.Content with
                {
                    MemberOf = links.Where(l => newIds.ContainsKey(l.NetworkId)).Select(l => l with { NetworkId = newIds[l.NetworkId] }).ToList(),
                }, note);
            }
        }

        // A dry run ends without committing: disposing the session rolls everything back.
        if (!dryRun) await session.CommitAsync();
        return new JsonLinesReport(lines, added, updated, !dryRun, keepIds, []);
    }

    /// <summary>Every line parsed and validated, every membership pointing at a record in the file.</summary>
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
            foreach (var error in OrganizationValidator.Validate(ToContent(record)))
                errors.Add(new RowError(line, error.Field, error.Message));
            var memberOf = record.MemberOf ?? [];
            for (var i = 0; i < memberOf.Count; i++) references.Add((line, $"member_of[{i}].organization_id", memberOf[i].OrganizationId));
        }
        foreach (var (line, field, id) in references.Where(r => !ids.Contains(r.Id)))
            errors.Add(new RowError(line, field, $"organization {id} is not in the file"));
        return (lines, errors.OrderBy(e => e.Line).ToList());
    }

    private static IEnumerable<(int Line, OrganizationDetail? Record)> Read(string path, List<RowError>? errors = null)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
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
        var source = await Sources.UpsertAsync(session, detail.Name, Licences.Find(detail.Licence.Id)!.Id, detail.Attribution, detail.Url, clock.GetUtcNow());
        cache[detail.Name] = source;
        return source;
    }

    private static OrganizationContent ToContent(OrganizationDetail d) => new()
    {
        Name = d.Name ?? "",
        AlternateNames = d.AlternateNames ?? [],
        Kind = d.Kind ?? "",
        Types = d.Types ?? [],
        Sector = d.Sector,
        Description = d.Description,
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
        MemberOf = (d.MemberOf ?? []).Select(m => new MembershipLink(m.OrganizationId, m.Role, m.StartDate, m.EndDate)).ToList(),
    };
}
