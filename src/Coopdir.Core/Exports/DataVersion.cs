using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Coopdir.Core.Exports;

/// <summary>
/// The state of the directory's data, named by its newest revision: every change appends a revision,
/// so the same revision id means the same data. Exports derive their ETag and Last-Modified from it.
/// </summary>
public sealed record DataVersion(long RevisionId, DateTimeOffset? ChangedAt)
{
    private sealed class Row
    {
        public long Id { get; set; }
        public string CreatedAt { get; set; } = "";
    }

    public static async Task<DataVersion> CurrentAsync(DbConnection connection)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>("SELECT id, created_at AS CreatedAt FROM revisions ORDER BY id DESC LIMIT 1");
        return row is null ? new DataVersion(0, null) : new DataVersion(row.Id, DateTimeOffset.Parse(row.CreatedAt));
    }

    /// <summary>A validator that changes whenever the data, the format or the filters do.</summary>
    public string Tag(params string[] parts)
    {
        var text = string.Join("\n", parts.Prepend(ChangedAt?.ToString("O") ?? "").Prepend(RevisionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
