using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

public sealed record ImportOptions(
    string SourceName,
    string Licence,
    string? Attribution = null,
    string? SourceUrl = null,
    bool DryRun = false,
    bool SkipInvalid = false,
    string Author = "import");

/// <param name="Skipped">Rows whose record was deleted or merged away in the directory; a re-import does not bring them back.</param>
public sealed record ImportReport(int Rows, int Added, int Updated, int Unchanged, int Rejected, bool Written, IReadOnlyList<RowError> Errors, int Skipped = 0);

/// <summary>
/// Writes a parsed file into the directory in one transaction, matching rows to existing records by
/// their source identifier. Strict by default: any invalid row means nothing is written.
/// </summary>
public sealed class Importer(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    public async Task<ImportReport> RunAsync(ParsedFile file, ImportOptions options, IProgress<int>? progress = null)
    {
        var errors = file.AllErrors.ToList();
        if (Licences.Find(options.Licence) is null)
            errors.Insert(0, new RowError(0, "licence", $"'{options.Licence}' is not a known licence ({string.Join(", ", Licences.Known.Select(l => l.Id))})"));
        var blocked = file.FileErrors.Count > 0 || errors.Count > 0 && !options.SkipInvalid || Licences.Find(options.Licence) is null;
        if (blocked) return new ImportReport(file.RowCount, 0, 0, 0, file.Rejected.Count, false, errors);

        int added = 0, updated = 0, unchanged = 0, skipped = 0, done = 0;
        await using var session = await store.BeginWriteAsync(bulk: true);
        var source = await Sources.UpsertAsync(session, options.SourceName, Licences.Find(options.Licence)!.Id,
            options.Attribution, options.SourceUrl, clock.GetUtcNow());
        var note = new ChangeNote(options.Author, $"Import from {options.SourceName}");
        // Looked up once rather than per row: the source's row, locked by the upsert above until the
        // commit, keeps a second import of the same source waiting until this one is done.
        var existingIds = await OrganizationQueries.BySourceRecordAsync(session, source.Id);
        var tombstoned = await OrganizationQueries.TombstonedRecordsAsync(session, source.Id);

        foreach (var record in file.Records)
        {
            var content = record.Content with { SourceId = source.Id, SourceRecordId = record.SourceRecordId };
            long? existing = existingIds.TryGetValue(record.SourceRecordId, out var id) ? id : null;
            if (existing is null && tombstoned.Contains(record.SourceRecordId))
            {
                skipped++;
                progress?.Report(++done);
                continue;
            }
            var result = existing is null
                ? await writer.CreateAsync(session, content, note)
                : await writer.UpdateAsync(session, existing.Value, content, note);
            switch (result.Outcome)
            {
                case WriteOutcome.Created: added++; existingIds[record.SourceRecordId] = result.Id; break;
                case WriteOutcome.Updated: updated++; break;
                // Deleted or merged away since the source's records were looked up.
                case WriteOutcome.NotFound: skipped++; break;
                default: unchanged++; break;
            }
            progress?.Report(++done);
        }

        // A dry run ends without committing: disposing the session rolls everything back.
        if (!options.DryRun) await session.CommitAsync();
        return new ImportReport(file.RowCount, added, updated, unchanged, file.Rejected.Count, !options.DryRun, errors, skipped);
    }
}
