using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Changes;

/// <summary>
/// How far a mirror has followed its source's changes feed, kept in the mirror's own database
/// (mirror_cursors) and written in the transaction that applies a page, so a crash neither loses
/// nor repeats a change.
/// </summary>
public static class MirrorCursors
{
    /// <summary>The source as the cursor table names it: its address without query or trailing slash.</summary>
    public static string Key(Uri source) => source.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private sealed class CursorRow
    {
        public string SourceUrl { get; set; } = "";
        public string Cursor { get; set; } = "";
    }

    /// <summary>Where to continue from, or why this directory cannot follow this source.</summary>
    public static async Task<(string? Cursor, string? Error)> StartAsync(DbConnection connection, string key)
    {
        var rows = (await connection.QueryAsync<CursorRow>("SELECT source_url AS SourceUrl, cursor FROM mirror_cursors")).AsList();
        if (rows.FirstOrDefault(r => r.SourceUrl == key) is { } row) return (row.Cursor, null);
        if (rows.Count > 0) return (null, $"this directory mirrors {rows[0].SourceUrl}; it cannot follow {key} as well");
        // Ids and revision numbers are copied from the source, so anything already here would collide.
        var revisions = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM revisions");
        return revisions > 0
            ? (null, $"a mirror starts from an empty directory, and this one already has {revisions:N0} revisions (start it with `serve --no-demo-data` or a new --db)")
            : ("0", null);
    }

    /// <summary>
    /// Inside a page's transaction, before anything else: locks the cursor's row (writing it first if
    /// this is the first page) and reads the cursor again, so a second mirror process on the same
    /// database cannot apply the same page twice.
    /// </summary>
    public static async Task<string?> ClaimAsync(WriteSession session, string key, DateTimeOffset now)
    {
        await session.ExecuteAsync("""
            INSERT INTO mirror_cursors (source_url, cursor, updated_at) VALUES (@key, '0', @now)
            ON CONFLICT (source_url) DO UPDATE SET updated_at = mirror_cursors.updated_at
            """, new { key, now = now.ToString("O") });
        return await session.QuerySingleOrDefaultAsync<string>("SELECT cursor FROM mirror_cursors WHERE source_url = @key", new { key });
    }

    public static Task SaveAsync(WriteSession session, string key, string cursor, DateTimeOffset now) =>
        session.ExecuteAsync("""
            INSERT INTO mirror_cursors (source_url, cursor, updated_at) VALUES (@key, @cursor, @now)
            ON CONFLICT (source_url) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, new { key, cursor, now = now.ToString("O") });
}
