using System.IO.Compression;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Solutions.PublicCode;

/// <summary>One publiccode.yml of a batch: its name in the batch, and what reading it found.</summary>
public sealed record PublicCodeEntry(string Name, IReadOnlyList<PublicCodeProblem> Errors, IReadOnlyList<PublicCodeProblem> Warnings);

/// <summary>A batch read: every file's problems, and the records to import (one per file) when no file has an error.</summary>
public sealed record PublicCodeBatchResult(IReadOnlyList<PublicCodeEntry> Files, ParsedFile Parsed)
{
    public bool IsValid => Files.Count > 0 && Files.All(f => f.Errors.Count == 0);

    /// <summary>A file or the batch was over its size limit (an API answers 413).</summary>
    public bool TooLarge { get; init; }
}

/// <summary>
/// Reads publiccode.yml files for an import: one file, a folder (searched recursively for *.yml and *.yaml) or a zip
/// of them. Each file is at most <see cref="PublicCodeReader.MaxFileBytes"/>, a batch at most <see cref="MaxFiles"/>
/// files and <see cref="MaxTotalBytes"/> in all. Each valid file is a record whose id within the source is its
/// repository (its <c>url</c>), so a re-import of the same software updates it; two files of one repository are an error.
/// </summary>
public static class PublicCodeBatch
{
    public const int MaxFiles = 5_000;
    public const long MaxTotalBytes = 50L * 1024 * 1024;
    public const string RowName = "file";

    public static PublicCodeBatchResult ReadPath(string path, PublicCodeDialect dialect)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(IsYaml).Order(StringComparer.Ordinal).ToList();
            if (files.Count > MaxFiles) return Refused(path, $"holds {files.Count:N0} publiccode files; at most {MaxFiles:N0} are read at once");
            var total = files.Sum(f => new FileInfo(f).Length);
            if (total > MaxTotalBytes) return Refused(path, $"holds {total:N0} bytes of YAML; at most {MaxTotalBytes:N0} are read at once") with { TooLarge = true };
            // Catalogue folders seldom hold the repositories' assets: relative paths are not checked (a warning says so).
            return Read(files.Select(f => (Path.GetRelativePath(path, f), (Func<byte[]?>)(() => Bytes(f)), (string?)null)), dialect);
        }
        if (!File.Exists(path)) return Refused(path, "no such file or folder");
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = File.OpenRead(path);
            return ReadZip(zip, dialect);
        }
        return Read([(Path.GetFileName(path), () => Bytes(path), null)], dialect);
    }

    /// <summary>A zip of publiccode files (an upload): only its *.yml and *.yaml entries are read.</summary>
    public static PublicCodeBatchResult ReadZip(Stream zip, PublicCodeDialect dialect)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
            var entries = archive.Entries.Where(e => IsYaml(e.FullName)).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
            if (entries.Count > MaxFiles) return Refused("the zip", $"holds {entries.Count:N0} publiccode files; at most {MaxFiles:N0} are read at once");
            var total = entries.Sum(e => e.Length);
            if (total > MaxTotalBytes) return Refused("the zip", $"unpacks to {total:N0} bytes of YAML; at most {MaxTotalBytes:N0} are read at once") with { TooLarge = true };
            return Read(entries.Select(e => (e.FullName, (Func<byte[]?>)(() => Bytes(e)), (string?)null)).ToList(), dialect);
        }
        catch (InvalidDataException e)
        {
            return Refused("the upload", $"is not a zip file: {e.Message}");
        }
    }

    /// <summary>One file's text (an upload).</summary>
    public static PublicCodeBatchResult ReadOne(string name, byte[] bytes, PublicCodeDialect dialect) => Read([(name, () => bytes, null)], dialect);

    private static PublicCodeBatchResult Read(IEnumerable<(string Name, Func<byte[]?> Bytes, string? Folder)> files, PublicCodeDialect dialect)
    {
        var entries = new List<PublicCodeEntry>();
        var records = new List<ImportRecord>();
        var rejected = new List<RejectedRow>();
        var firstOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var tooLarge = false;
        foreach (var (name, read, folder) in files)
        {
            var line = entries.Count + 1;
            var bytes = read();
            tooLarge |= bytes is null;
            var result = bytes is null
                ? new PublicCodeResult([new PublicCodeProblem("", $"the file is over {PublicCodeReader.MaxFileBytes:N0} bytes")], [], null, dialect)
                : PublicCodeReader.Read(bytes, new PublicCodeReadOptions(dialect, folder));
            var errors = result.Errors.ToList();
            OrganizationContent? content = null;
            if (result.IsValid)
            {
                content = PublicCodeMapping.ToContent(result.Document!);
                errors.AddRange(OrganizationValidator.Validate(content).Select(e => new PublicCodeProblem(e.Field, $"the solution it describes would be invalid: {e.Message}")));
                var id = SolutionRules.RepositoriesOf(content).FirstOrDefault() ?? content.Website ?? content.Name;
                if (!firstOf.TryAdd(id, name)) errors.Add(new PublicCodeProblem("url", $"{id} is already the software of {firstOf[id]}"));
                else if (errors.Count == 0) records.Add(new ImportRecord(line, id, content));
            }
            entries.Add(new PublicCodeEntry(name, errors, result.Warnings));
            if (errors.Count > 0) rejected.Add(new RejectedRow(line, [name], errors.Select(e => new RowError(line, e.Path, e.Message)).ToList()));
        }
        if (entries.Count == 0) return Refused("the input", "holds no publiccode file (*.yml or *.yaml)");
        return new PublicCodeBatchResult(entries, new ParsedFile([RowName], records, rejected, []) { RowName = RowName }) { TooLarge = tooLarge };
    }

    private static PublicCodeBatchResult Refused(string what, string message) =>
        new([new PublicCodeEntry(what, [new PublicCodeProblem("", $"{what} {message}")], [])],
            ParsedFile.Failed(new RowError(0, RowName, $"{what} {message}")) with { RowName = RowName });

    private static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    private static byte[]? Bytes(string path) => new FileInfo(path).Length > PublicCodeReader.MaxFileBytes ? null : File.ReadAllBytes(path);

    private static byte[]? Bytes(ZipArchiveEntry entry)
    {
        if (entry.Length > PublicCodeReader.MaxFileBytes) return null;
        using var stream = entry.Open();
        // The header's length can lie: never read past the limit.
        return Input.BoundedRead.Read(stream, PublicCodeReader.MaxFileBytes);
    }
}
