using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>One file of a release, with its SHA-256.</summary>
public sealed record ReleaseFile(string Name, string Format, string MediaType, long Bytes, string Sha256);

/// <summary>An organization named in a release's change summary.</summary>
public sealed record ReleaseChangedRecord(long Id, string Name);

/// <summary>What changed since the previous release (all empty, with no previous, for the first one).</summary>
public sealed record ReleaseChanges(
    string? Previous,
    int AddedCount, int ChangedCount, int RemovedCount,
    IReadOnlyList<ReleaseChangedRecord> Added, IReadOnlyList<ReleaseChangedRecord> Changed, IReadOnlyList<ReleaseChangedRecord> Removed);

/// <summary>manifest.json of a release: what it holds, the data version it was taken at, and what changed.</summary>
public sealed record ReleaseManifest(
    string Name,
    DateTimeOffset CreatedAt,
    long RevisionId,
    long Organizations,
    string Licence,
    IReadOnlyList<ReleaseFile> Files,
    ReleaseChanges Changes)
{
    public const string FileName = "manifest.json";
    public const string ChecksumsFileName = "SHA256SUMS";

    private static readonly JsonSerializerOptions Options = new(PublicJson.Options) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static ReleaseManifest? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException)
        {
            // A manifest that is not ours (or was edited by hand) is not a release; it is skipped, not fatal.
            return null;
        }
    }

    /// <summary>Every complete release under <paramref name="root"/>, newest first.</summary>
    public static IReadOnlyList<ReleaseManifest> All(string root) =>
        !Directory.Exists(root)
            ? []
            : Directory.EnumerateDirectories(root)
                .Select(d => Path.Combine(d, FileName))
                .Where(File.Exists)
                .Select(Read)
                .OfType<ReleaseManifest>()
                .OrderByDescending(m => m.RevisionId).ThenByDescending(m => m.CreatedAt)
                .ToList();
}
