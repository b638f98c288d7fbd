using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Exports;

/// <summary>
/// A release: a dated, immutable full dump in every export format, with SHA-256 checksums and a
/// manifest saying what changed since the previous release. It is written in a ".partial" folder and
/// renamed when complete, and an existing release is never written over.
/// </summary>
public static class ReleaseWriter
{
    /// <summary>How many changed records a manifest names per kind of change; the counts are always complete.</summary>
    public const int ListedChanges = 1000;

    public static async Task<ReleaseManifest> WriteAsync(DbConnection connection, ExportContext context, string root)
    {
        Directory.CreateDirectory(root);
        var version = await DataVersion.CurrentAsync(connection);
        var previous = ReleaseManifest.All(root).FirstOrDefault();
        var name = FreeName(root, context.GeneratedAt);
        var partial = Path.Combine(root, name + ".partial");
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);

        var files = new List<ReleaseFile>();
        var count = 0L;
        foreach (var format in ExportFormats.All)
        {
            var fileName = ExportFormats.FileName(format, name);
            var path = Path.Combine(partial, fileName);
            long written;
            using (var file = new BufferedStream(File.Create(path), 64 * 1024)) written = format.Write(context, file);
            if (format.Subject == ExportFormat.Organizations) count = written;
            files.Add(new ReleaseFile(fileName, format.Key, format.MediaType, new FileInfo(path).Length, Sha256(path)));
        }
        File.WriteAllText(Path.Combine(partial, ReleaseManifest.ChecksumsFileName),
            string.Concat(files.Select(f => $"{f.Sha256}  {f.Name}\n")), new UTF8Encoding(false));

        var manifest = new ReleaseManifest(name, context.GeneratedAt, version.RevisionId, count, context.DirectoryLicence.Id,
            files, await ChangesAsync(connection, previous, version.RevisionId));
        File.WriteAllText(Path.Combine(partial, ReleaseManifest.FileName), manifest.ToJson(), new UTF8Encoding(false));
        Directory.Move(partial, Path.Combine(root, name));
        return manifest;
    }

    // Dated by the day; a second release on one day gets a suffix rather than replacing the first.
    private static string FreeName(string root, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!Directory.Exists(Path.Combine(root, date))) return date;
        for (var n = 2; ; n++)
            if (!Directory.Exists(Path.Combine(root, $"{date}.{n}"))) return $"{date}.{n}";
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private sealed class ChangeRow
    {
        public long Id { get; set; }
        public string? Before { get; set; }
        public string? After { get; set; }
        public string? Name { get; set; }
        public string? LastSnapshot { get; set; }
    }

    /// <summary>
    /// Compares each organization touched by a revision since the previous release: its last action up
    /// to then and up to now tell whether it was added, changed or removed.
    /// </summary>
    private static async Task<ReleaseChanges> ChangesAsync(DbConnection connection, ReleaseManifest? previous, long current)
    {
        if (previous is null) return new ReleaseChanges(null, 0, 0, 0, [], [], []);
        var rows = await connection.QueryAsync<ChangeRow>("""
            SELECT t.organization_id AS Id,
                (SELECT p.action FROM revisions p WHERE p.organization_id = t.organization_id AND p.id <= @before ORDER BY p.id DESC LIMIT 1) AS Before,
                (SELECT n.action FROM revisions n WHERE n.organization_id = t.organization_id AND n.id <= @current ORDER BY n.id DESC LIMIT 1) AS After,
                (SELECT o.name FROM organizations o WHERE o.id = t.organization_id) AS Name,
                (SELECT n.before_json FROM revisions n WHERE n.organization_id = t.organization_id AND n.id <= @current ORDER BY n.id DESC LIMIT 1) AS LastSnapshot
            FROM (SELECT DISTINCT organization_id FROM revisions WHERE id > @before AND id <= @current) t
            ORDER BY t.organization_id
            """, new { before = previous.RevisionId, current });
        List<ReleaseChangedRecord> added = [], changed = [], removed = [];
        foreach (var row in rows)
        {
            bool existedBefore = Exists(row.Before), existsNow = Exists(row.After);
            if (!existedBefore && existsNow) added.Add(new(row.Id, row.Name ?? ""));
            else if (existedBefore && existsNow) changed.Add(new(row.Id, row.Name ?? ""));
            else if (existedBefore && !existsNow) removed.Add(new(row.Id, NameIn(row.LastSnapshot)));
        }
        return new ReleaseChanges(previous.Name, added.Count, changed.Count, removed.Count,
            added.Take(ListedChanges).ToList(), changed.Take(ListedChanges).ToList(), removed.Take(ListedChanges).ToList());
    }

    private static bool Exists(string? lastAction) => lastAction is not null and not "deleted" and not "merged";

    // A removed record's name is in the snapshot its removal recorded as "before".
    private static string NameIn(string? snapshot) =>
        snapshot is null ? "" : JsonDocument.Parse(snapshot).RootElement.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
}
