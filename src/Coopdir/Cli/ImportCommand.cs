using System.CommandLine;
using System.Globalization;
using Coopdir.Core.Areas;
using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions.PublicCode;
using CsvHelper;
using Spectre.Console;

namespace Coopdir.Cli;

public static class ImportCommand
{
    private static readonly Dictionary<string, ImportFormat> Formats = new()
    {
        ["essglobal-csv"] = ImportFormat.EssglobalCsv,
        ["coops-uk"] = ImportFormat.CoopsUk,
        ["csv"] = ImportFormat.Csv,
        ["geojson"] = ImportFormat.GeoJson,
        ["jsonl"] = ImportFormat.Jsonl,
        ["brigade-information"] = ImportFormat.BrigadeInformation,
        ["government-github"] = ImportFormat.GovernmentGithub,
        ["popolo"] = ImportFormat.Popolo,
        ["dpg"] = ImportFormat.DpgRegistry,
        ["publiccode"] = ImportFormat.PublicCode,
    };

    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "essglobal-csv, coops-uk, csv, geojson (a FeatureCollection), jsonl (a Coopdir JSON Lines export), brigade-information (Code for America's organizations.json), government-github (GitHub's governments.yml or civic_hackers.yml), popolo (Popolo JSON), publiccode (publiccode.yml: a file, a folder or a zip) or dpg (the Digital Public Goods registry: a folder holding nominees/ and digitalpublicgoods/)", Required = true };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var file = new Argument<FileInfo>("FILE") { Description = "The file to import (for --format dpg, the registry's folder; for --format publiccode, a file, a folder or a zip)" };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "JSON column mapping (required for --format csv and geojson)" };
        var sourceName = new Option<string?>("--source-name") { Description = "Name of the source dataset; re-imports of one source update its records" };
        var licence = new Option<string?>("--licence") { Description = $"Licence of the source (SPDX id: {string.Join(", ", Licences.Known.Select(l => l.Id))})" };
        var attribution = new Option<string?>("--attribution") { Description = "Attribution the source's licence asks for" };
        var publisher = new Option<string?>("--publisher") { Description = "Who publishes the source (e.g. Co-operatives UK)" };
        var vintage = new Option<string?>("--vintage") { Description = "The date the file describes (YYYY-MM-DD, YYYY-MM or YYYY): newer vintages win over older ones" };
        var sourceUrl = new Option<string?>("--source-url") { Description = "Where the source's file is published" };
        var idScheme = new Option<string?>("--id-scheme") { Description = "Identifier scheme of the rows' own ids (e.g. coops-uk), so other sources carrying them match" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and count, write nothing" };
        var dialect = new Option<string?>("--dialect") { Description = "With --format publiccode: standard (the default) or codegouvfr (code.gouv.fr's catalogue files)" };
        dialect.AcceptOnlyFromAmong("standard", "codegouvfr");
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Write the valid rows; save rejected rows with reasons to FILE.rejected.csv" };
        var command = new Command("import", "Import organizations from a file: validated first, written in one transaction")
        {
            file, format, mapping, sourceName, licence, attribution, publisher, vintage, sourceUrl, idScheme, dryRun, skipInvalid, dialect,
        };
        command.SetAction(async (parse, _) =>
        {
            var input = parse.GetValue(file)!;
            var kind = Formats[parse.GetValue(format)!];
            PublicCodeBatchResult? publicCode = null;
            if (kind == ImportFormat.PublicCode)
            {
                if (parse.GetValue(skipInvalid)) return Fail("--skip-invalid does not apply to publiccode: a batch is imported whole or not at all");
                publicCode = PublicCodeBatch.ReadPath(input.FullName, parse.GetValue(dialect) == "codegouvfr" ? PublicCodeDialect.CodeGouvFr : PublicCodeDialect.Standard);
                foreach (var entry in publicCode.Files)
                {
                    foreach (var error in entry.Errors) Console.Error.WriteLine($"{entry.Name}: {error}");
                    foreach (var warning in entry.Warnings) Console.Error.WriteLine($"{entry.Name}: warning: {warning}");
                }
                if (!publicCode.IsValid)
                {
                    Console.WriteLine($"{publicCode.Files.Count:N0} files, {publicCode.Files.Count(f => f.Errors.Count > 0):N0} invalid. Nothing was written: fix the files above.");
                    return 1;
                }
            }
            else if (kind == ImportFormat.DpgRegistry ? !Directory.Exists(input.FullName) : !input.Exists)
                return Fail($"{input.FullName}: no such {(kind == ImportFormat.DpgRegistry ? "folder" : "file")}");
            if (kind == ImportFormat.Jsonl) return await ImportJsonLinesAsync(parse.GetValue(CommonOptions.Database)!, input, parse.GetValue(dryRun));
            var (parsed, defaults, note, popoloAreas) = publicCode is not null ? (publicCode.Parsed, null, null, null) : Read(kind, input, parse.GetValue(mapping));
            if (parsed is null) return 2;

            var coopsUk = kind == ImportFormat.CoopsUk;
            var options = new ImportOptions(
                parse.GetValue(sourceName) ?? defaults?.SourceName ?? (coopsUk ? "Co-operatives UK open data" : Path.GetFileNameWithoutExtension(input.Name)),
                parse.GetValue(licence) ?? defaults?.Licence ?? (coopsUk ? "ODC-By-1.0" : Licences.DirectoryDefault),
                parse.GetValue(attribution) ?? defaults?.Attribution ?? (coopsUk ? "Contains Co-operatives UK open data" : null),
                SourceUrl: parse.GetValue(sourceUrl) ?? defaults?.SourceUrl,
                DryRun: parse.GetValue(dryRun),
                SkipInvalid: parse.GetValue(skipInvalid),
                Author: $"import:{Environment.UserName}",
                Publisher: parse.GetValue(publisher) ?? defaults?.Publisher ?? (coopsUk ? "Co-operatives UK" : null),
                Vintage: parse.GetValue(vintage),
                IdScheme: parse.GetValue(idScheme) ?? defaults?.IdScheme ?? (coopsUk ? "coops-uk" : null));
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            var report = await RunWithProgressAsync(new Importer(store, TimeProvider.System), parsed, options);

            foreach (var error in report.Errors) Console.Error.WriteLine(error.Line > 0 ? $"{parsed.RowName} {error.Line}: {error.Field}: {error.Message}" : $"{error.Field}: {error.Message}");
            if (options.SkipInvalid && parsed.Rejected.Count > 0 && report.Written)
            {
                var rejectedPath = input.FullName + ".rejected.csv";
                WriteRejected(parsed, rejectedPath);
                Console.Error.WriteLine($"Rejected rows, with reasons, saved to {rejectedPath}");
            }
            if (note is not null) Console.WriteLine(note);
            if (popoloAreas is not null && report.Written && !options.DryRun)
            {
                var (divisions, others) = PopoloReader.Divisions(popoloAreas, options.SourceName);
                var loaded = await AreaRows.LoadAsync(store, divisions, DateTimeOffset.UtcNow);
                Console.WriteLine($"Areas: {divisions.Areas.Count:N0} Open Civic Data divisions stored ({loaded.Added:N0} new), " +
                    $"{others:N0} not stored: they have no Open Civic Data division id, and Coopdir keys places by one");
            }
            Console.WriteLine(Summary(report, options));
            return report.Written || options.DryRun && report.Errors.Count == 0 ? 0 : 1;
        });
        return command;
    }

    // A JSON Lines export carries each record's own source and licence, so the source options do not apply.
    private static async Task<int> ImportJsonLinesAsync(string database, FileInfo input, bool dryRun)
    {
        using var store = await Store.For(database).MigrateAsync();
        var report = await new JsonLinesImporter(store, TimeProvider.System).RunAsync(input.FullName, $"import:{Environment.UserName}", dryRun);
        foreach (var error in report.Errors) Console.Error.WriteLine(error);
        if (report.Errors.Count > 0)
        {
            Console.WriteLine($"{report.Lines:N0} lines. Nothing was written: fix the lines above.");
            return 1;
        }
        Console.WriteLine($"{report.Lines:N0} lines: {report.Added:N0} added, {report.Updated:N0} updated" +
            (report.KeptIds ? " (restored with their ids, into an empty directory)" : " (new ids: the directory already had records)") +
            (dryRun ? " (dry run: nothing was written)" : ""));
        return 0;
    }

    /// <returns>The file read (null when it cannot be), the format's own source defaults, and what the report should add.</returns>
    /// <returns>The file read (null when it cannot be), the format's own source defaults, what the report should add, and a Popolo file's areas.</returns>
    private static (ParsedFile? Parsed, ImportOptions? Defaults, string? Note, IReadOnlyList<PopoloArea>? Areas) Read(ImportFormat kind, FileInfo input, FileInfo? mappingFile)
    {
        if (kind == ImportFormat.EssglobalCsv || kind == ImportFormat.CoopsUk)
        {
            using var reader = Core.Input.ImportText.Open(input.FullName);
            return (kind == ImportFormat.EssglobalCsv ? EssglobalCsvReader.Read(reader) : CoopsUkReader.Read(reader), null, null, null);
        }
        if (kind is ImportFormat.BrigadeInformation or ImportFormat.GovernmentGithub or ImportFormat.Popolo)
            return ReadCivic(kind, input);
        if (kind == ImportFormat.DpgRegistry)
        {
            var registry = DpgRegistryReader.Read(input.FullName);
            return (registry.Parsed, DpgRegistryReader.Source, registry.Note, null);
        }
        if (ReadMapping(mappingFile, kind == ImportFormat.GeoJson ? "geojson" : "csv") is not { } mapping) return (null, null, null, null);
        if (kind == ImportFormat.GeoJson)
        {
            using var json = File.OpenRead(input.FullName);
            return (GeoJsonReader.Read(json, mapping), null, null, null);
        }
        using var csv = Core.Input.ImportText.Open(input.FullName);
        return (MappedCsvReader.Read(csv, mapping), null, null, null);
    }

    private static (ParsedFile? Parsed, ImportOptions? Defaults, string? Note, IReadOnlyList<PopoloArea>? Areas) ReadCivic(ImportFormat kind, FileInfo input)
    {
        using var file = File.OpenRead(input.FullName);
        if (kind == ImportFormat.BrigadeInformation) return (BrigadeInformationReader.Read(file), CivicTechSources.BrigadeInformation, null, null);
        if (kind == ImportFormat.Popolo)
        {
            var popolo = PopoloReader.Read(file);
            return (popolo.Parsed, null, $"{popolo.Areas.Count:N0} areas read; {popolo.PersonMemberships:N0} memberships of people skipped (people are not directory entries)", popolo.Areas);
        }
        if (GovernmentGithubReader.ListOf(input.Name) is not { } list)
        {
            Fail($"{input.Name}: government-github reads GitHub's governments.yml or civic_hackers.yml, by those names (research.yml is not imported: no kind of the directory fits research labs)");
            return (null, null, null, null);
        }
        return (GovernmentGithubReader.Read(file, list), CivicTechSources.GovernmentGithub(list), null, null);
    }

    private static ColumnMapping? ReadMapping(FileInfo? mappingFile, string format)
    {
        if (mappingFile is null) { Fail($"--mapping FILE is required with --format {format}"); return null; }
        if (!mappingFile.Exists) { Fail($"{mappingFile.FullName}: no such file"); return null; }
        var (mapping, errors) = ColumnMapping.Parse(File.ReadAllText(mappingFile.FullName));
        foreach (var error in errors) Console.Error.WriteLine($"{mappingFile.Name}: {error.Field}: {error.Message}");
        return mapping;
    }

    private static async Task<ImportReport> RunWithProgressAsync(Importer importer, ParsedFile parsed, ImportOptions options)
    {
        if (Console.IsOutputRedirected || parsed.Records.Count == 0) return await importer.RunAsync(parsed, options);
        return await AnsiConsole.Progress().AutoClear(true).StartAsync(context =>
        {
            var task = context.AddTask("Importing", maxValue: parsed.Records.Count);
            return importer.RunAsync(parsed, options, new Progress<int>(done => task.Value = done));
        });
    }

    private static string Summary(ImportReport r, ImportOptions options)
    {
        var counts = $"{r.Rows:N0} rows: {r.Added:N0} added, {r.Updated:N0} updated, {r.Unchanged:N0} unchanged, {r.Rejected:N0} rejected; " +
            $"{r.Merged:N0} merged into records already listed by other sources, {r.Queued:N0} queued as possible duplicates, " +
            $"{r.Older:N0} left as a newer vintage gave them, {r.Skipped:N0} deleted in the directory" +
            (r.Links is { } l && l != new LinkCounts() ? $"; relationships: {l.Added:N0} asserted, {l.Unchanged:N0} already asserted, {l.Skipped:N0} skipped (an end was not written)" : "");
        if (options.DryRun) return $"{counts} (dry run: nothing was written)";
        return r.Written ? $"{counts}. Source: {options.SourceName} ({options.Licence})" : $"{counts}. Nothing was written: fix the rows above or use --skip-invalid.";
    }

    private static void WriteRejected(ParsedFile parsed, string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in parsed.Header.Append("coopdir_line").Append("coopdir_errors")) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in parsed.Rejected)
        {
            foreach (var cell in row.Cells) csv.WriteField(cell);
            csv.WriteField(row.Line);
            csv.WriteField(string.Join("; ", row.Errors.Select(e => $"{e.Field}: {e.Message}")));
            csv.NextRecord();
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
