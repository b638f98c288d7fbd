using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;
using Coopdir.Core.Sources;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Imports;

/// <param name="SourceName">The source records merge from; a re-import of the same name updates its records.</param>
/// <param name="Vintage">The date the file describes (YYYY-MM-DD, YYYY-MM or YYYY): a newer vintage's values win over an older one's.</param>
/// <param name="IdScheme">The identifier scheme of the rows' own ids (e.g. coops-uk), so other sources carrying them match.</param>
public sealed record ImportOptions(
    string SourceName,
    string Licence,
    string? Attribution = null,
    string? SourceUrl = null,
    bool DryRun = false,
    bool SkipInvalid = false,
    string Author = "import",
    string? Publisher = null,
    string? Vintage = null,
    string? IdScheme = null);

/// <param name="Skipped">Rows whose record was deleted or merged away in the directory; a re-import does not bring them back.</param>
/// <param name="Merged">New rows found to be an organization already in the directory (from another source) and merged into it.</param>
/// <param name="Queued">New rows that may be an organization already in the directory: added, and the pair queued for people to decide.</param>
/// <param name="Older">Rows a newer vintage of the same source already gave: left as they were.</param>
/// <param name="Links">What the file's relationships between its records did (<see cref="ImportLinks"/>).</param>
public sealed record ImportReport(int Rows, int Added, int Updated, int Unchanged, int Rejected, bool Written, IReadOnlyList<RowError> Errors,
    int Skipped = 0, int Merged = 0, int Queued = 0, int Older = 0, LinkCounts? Links = null);

/// <summary>
/// Writes a parsed file into the directory in one transaction. Each row is its source's claim about an
/// organization: a row seen before updates its claim; a new row is matched (<see cref="Matcher"/>) to
/// the organization it is, or may be, or starts a new one. The organization's values are then merged
/// from all its sources' claims and people's edits (<see cref="FieldMerge"/>). Strict by default: any
/// invalid row means nothing is written.
/// </summary>
public sealed class Importer(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    public async Task<ImportReport> RunAsync(ParsedFile file, ImportOptions options, IProgress<int>? progress = null)
    {
        var errors = file.AllErrors.ToList();
        if (Licences.Find(options.Licence) is null)
            errors.Insert(0, new RowError(0, "licence", $"'{options.Licence}' is not a known licence ({string.Join(", ", Licences.Known.Select(l => l.Id))})"));
        if (options.Vintage is not null && !OrganizationValidator.IsDate(options.Vintage))
            errors.Insert(0, new RowError(0, "vintage", $"'{options.Vintage}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"));
        if (options.Vintage is null && await SourceRegistry.VintageOfAsync(store, options.SourceName) is { } known)
            errors.Insert(0, new RowError(0, "vintage", $"the source '{options.SourceName}' was imported as of {known}: give this file's vintage (--vintage), so newer and older can be told apart"));
        var blocked = file.FileErrors.Count > 0 || errors.Count > 0 && !options.SkipInvalid || errors.Any(e => e.Line == 0);
        if (blocked) return new ImportReport(file.RowCount, 0, 0, 0, file.Rejected.Count, false, errors);

        var counts = new Counts();
        var now = clock.GetUtcNow().ToString("O");
        await using var session = await store.BeginWriteAsync(bulk: true);
        var source = await SourceRegistry.UpsertAsync(session, options.SourceName, Licences.Find(options.Licence)!.Id,
            options.Attribution, options.SourceUrl, clock.GetUtcNow(), options.Publisher, options.Vintage);
        var run = new Run(session, source, options, new ChangeNote(options.Author, $"Import from {options.SourceName}"), now,
            // Looked up once rather than per row: the source's row, locked by the upsert above until the
            // commit, keeps a second import of the same source waiting until this one is done.
            await SourceRecords.OfSourceAsync(session, source.Id),
            await OrganizationQueries.TombstonedRecordsAsync(session, source.Id),
            new Matcher(await MatchIndex.LoadAsync(await session.ReadingAsync())),
            await PrecedenceSettings.LoadAsync(await session.ReadingAsync()));

        foreach (var record in file.Records)
        {
            var error = await ImportRowAsync(run, record, counts);
            if (error is not null) errors.Add(error);
            progress?.Report(++counts.Done);
        }
        var links = await ImportLinks.WriteAsync(session, writer, [.. file.Links, .. run.PartyLinks],
            end => SolutionParties.OrganizationOf(end) ?? run.Stored.GetValueOrDefault(end)?.OrganizationId, source.Name, run.Note, clock.GetUtcNow(), errors);

        var rowErrors = errors.Count - file.AllErrors.Count();
        if (rowErrors > 0 && !options.SkipInvalid)
            return new ImportReport(file.RowCount, 0, 0, 0, file.Rejected.Count + rowErrors, false, errors);
        // A dry run ends without committing: disposing the session rolls everything back.
        if (!options.DryRun) await session.CommitAsync();
        return new ImportReport(file.RowCount, counts.Added, counts.Updated, counts.Unchanged, file.Rejected.Count + rowErrors,
            !options.DryRun, errors, counts.Skipped, counts.Merged, counts.Queued, counts.Older, links);
    }

    private sealed class Counts { public int Added, Updated, Unchanged, Skipped, Merged, Queued, Older, Done; }

    private sealed record Run(WriteSession Session, SourceInfo Source, ImportOptions Options, ChangeNote Note, string Now,
        Dictionary<string, StoredClaim> Stored, HashSet<string> Tombstoned, Matcher Matcher, Precedence Precedence)
    {
        /// <summary>The relationships solutions' resolved parties make (<see cref="SolutionParties"/>), written with the file's links.</summary>
        public List<ImportLink> PartyLinks { get; } = [];
    }

    /// <returns>The row's error when merging it with the organization it matched gives an invalid record; otherwise null.</returns>
    private async Task<RowError?> ImportRowAsync(Run run, ImportRecord record, Counts counts)
    {
        // A solution's parties are matched to the directory's organizations as the row is written (see SolutionParties).
        var content = SolutionParties.Resolve(
            WithOwnId(record.Content, record.SourceRecordId, run.Options.IdScheme) with { SourceId = null, SourceRecordId = null }, run.Matcher);
        var json = Snapshots.ToJson(content);
        run.Stored.TryGetValue(record.SourceRecordId, out var stored);
        if (stored is { OrganizationId: null } || stored is null && run.Tombstoned.Contains(record.SourceRecordId))
        {
            counts.Skipped++;
            return null;
        }
        if (stored is not null && string.CompareOrdinal(stored.Vintage ?? "", run.Options.Vintage ?? "") > 0)
        {
            counts.Older++;
            return null;
        }
        if (stored is not null && stored.Content == json && stored.Vintage == run.Options.Vintage)
        {
            counts.Unchanged++;
            return null;
        }

        var match = stored is null ? run.Matcher.Match(content, run.Source.Id) : MatchResult.None;
        var organizationId = stored?.OrganizationId ?? (match.Decision == MatchDecision.Same ? match.OrganizationId : null);
        var claim = new SourceClaim(run.Source.Id, run.Source.Name, record.SourceRecordId, run.Options.Vintage, content);
        // The record first, which locks it: its claims and edits are then read as no other write can change them.
        var current = organizationId is null ? null : await writer.ContentAsync(run.Session, organizationId.Value);
        var claims = organizationId is null ? [] : await SourceRecords.OfOrganizationAsync(run.Session, organizationId.Value);
        claims.RemoveAll(c => c.SourceId == claim.SourceId && c.RecordId == claim.RecordId);
        claims.Add(claim);
        var edits = organizationId is null ? [] : await FieldEdits.OfOrganizationAsync(run.Session, organizationId.Value);
        var merged = FieldMerge.Merge(claims, edits, current, run.Precedence, withdrawn: Withdrawn(stored, json)).Content;
        if (OrganizationValidator.Validate(merged) is { Count: > 0 } invalid)
            return new RowError(record.Line, invalid[0].Field,
                $"merged with organization {organizationId}, the record would be invalid: {invalid[0].Message}");

        var written = organizationId is null
            ? await writer.CreateAsync(run.Session, merged, run.Note)
            : await writer.UpdateAsync(run.Session, organizationId.Value, merged, run.Note);
        if (written.Outcome == WriteOutcome.NotFound)
        {
            counts.Skipped++;
            return null;
        }
        await SourceRecords.PutAsync(run.Session, run.Source.Id, record.SourceRecordId, written.Id, run.Options.Vintage, json, run.Now);
        var confirmed = await OrganizationWriter.ConfirmAsync(run.Session, written.Id, run.Options.Vintage ?? run.Now[..10], $"source:{run.Source.Name}");
        // A newer vintage saying what the record already says still confirms it, and history shows that.
        if (confirmed && written.Outcome == WriteOutcome.Unchanged)
            await writer.RecordConfirmationAsync(run.Session, written.Id, run.Note with { Summary = $"Confirmed by {run.Source.Name} {run.Options.Vintage}" });
        run.Stored[record.SourceRecordId] = new StoredClaim(written.Id, run.Options.Vintage, json);
        run.Matcher.Index.Put(written.Id, merged, run.Source.Id);
        run.PartyLinks.AddRange(SolutionParties.Links(written.Id, content, record.Line));

        if (stored is not null) _ = written.Outcome == WriteOutcome.Unchanged ? counts.Unchanged++ : counts.Updated++;
        else if (organizationId is not null) counts.Merged++;
        else counts.Added++;
        if (match.Decision == MatchDecision.Possible && match.OrganizationId is { } possible)
        {
            if (await DuplicatePairs.AddAsync(run.Session, written.Id, possible, match, $"import:{run.Source.Name}", run.Now)) counts.Queued++;
        }
        return null;
    }

    // Fields the source's earlier row gave and this one leaves blank: the source no longer says them.
    private static HashSet<string>? Withdrawn(StoredClaim? stored, string json)
    {
        if (stored is null) return null;
        var before = System.Text.Json.Nodes.JsonNode.Parse(stored.Content)!.AsObject();
        var now = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        return before.Select(p => p.Key).Where(field => !now.ContainsKey(field)).ToHashSet();
    }

    // A row's own id is also an identifier of the scheme the source's ids belong to, which other sources may carry.
    private static OrganizationContent WithOwnId(OrganizationContent content, string recordId, string? scheme)
    {
        if (scheme is null) return content;
        var own = new Identifier(scheme, recordId);
        return content.Identifiers.Contains(own) ? content : content with { Identifiers = [own, .. content.Identifiers] };
    }
}
