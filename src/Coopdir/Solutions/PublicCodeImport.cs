using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions.PublicCode;

namespace Coopdir.Solutions;

/// <summary>
/// One publiccode.yml import, whether from the API or the upload page: every file is read and validated first, then
/// all of them are written in one transaction, or none is. The callers only turn the outcome into JSON or a page.
/// </summary>
public static class PublicCodeImport
{
    /// <summary>The largest upload read: a zip of files within <see cref="PublicCodeBatch"/>'s limits.</summary>
    public const long MaxBodyBytes = Core.Input.InputLimits.ImportBodyBytes;

    public abstract record Outcome;

    /// <summary>The upload, or what its zip unpacks to, is over a limit; <paramref name="Detail"/> names it.</summary>
    public sealed record TooLarge(string Detail) : Outcome;

    /// <summary>At least one file breaks the standard (or the directory's rules); nothing was written.</summary>
    public sealed record Invalid(IReadOnlyList<PublicCodeEntry> Files) : Outcome
    {
        public int InvalidFiles => Files.Count(f => f.Errors.Count > 0);

        /// <summary>"FILE: KEY PATH" → the reasons, so a client or a reader can point at the very key of the very file.</summary>
        public Dictionary<string, string[]> ByKey() => Files
            .SelectMany(f => f.Errors.Select(e => (Key: e.Path.Length == 0 ? f.Name : $"{f.Name}: {e.Path}", e.Message)))
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
    }

    /// <param name="Names">The solutions' names, in file order.</param>
    public sealed record Imported(int Files, int Added, int Updated, int Unchanged, int Relationships,
        IReadOnlyList<string> Names, IReadOnlyList<PublicCodeEntry> WithWarnings) : Outcome;

    /// <summary>A zip is told by its first bytes, so a browser's guess at the file's type does not matter.</summary>
    public static bool IsZip(ReadOnlySpan<byte> body) => body.StartsWith("PK\u0003\u0004"u8);

    public static async Task<Outcome> RunAsync(byte[] body, string fileName, string author, Store store, TimeProvider clock)
    {
        var batch = IsZip(body)
            ? PublicCodeBatch.ReadZip(new MemoryStream(body), PublicCodeDialect.Standard)
            : PublicCodeBatch.ReadOne(fileName, body, PublicCodeDialect.Standard);
        if (batch.TooLarge)
            return new TooLarge(string.Join("; ", batch.Files.SelectMany(f => f.Errors.Select(e => $"{f.Name}: {e}"))));
        if (!batch.IsValid) return new Invalid(batch.Files);

        var report = await new Importer(store, clock).RunAsync(batch.Parsed,
            new ImportOptions(PublicCodeEndpoints.SourceName, Licences.DirectoryDefault, Author: author));
        if (!report.Written)
            return new Invalid(report.Errors.Select(e => new PublicCodeEntry(
                batch.Files.ElementAtOrDefault(e.Line - 1)?.Name ?? "import", [new PublicCodeProblem(e.Field, e.Message)], [])).ToList());
        return new Imported(batch.Files.Count, report.Added + report.Merged, report.Updated, report.Unchanged, report.Links?.Added ?? 0,
            batch.Parsed.Records.Select(r => r.Content.Name).ToList(), batch.Files.Where(f => f.Warnings.Count > 0).ToList());
    }
}
