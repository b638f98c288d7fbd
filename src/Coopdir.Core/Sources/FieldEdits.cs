using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Sources;

/// <summary>The fields people set (the <c>field_edits</c> table), which an older source's import leaves alone.</summary>
public static class FieldEdits
{
    /// <summary>Records, for each field that differs between the two versions, that this person's revision set it.</summary>
    public static async Task RecordAsync(WriteSession session, long id, int revision, OrganizationContent? before,
        OrganizationContent after, string author, string at)
    {
        var upsert = session.Command("""
            INSERT INTO field_edits (organization_id, field, revision, author, edited_at) VALUES (@id, @field, @revision, @author, @at)
            ON CONFLICT (organization_id, field) DO UPDATE SET revision = excluded.revision, author = excluded.author, edited_at = excluded.edited_at
            """, "@id", "@field", "@revision", "@author", "@at");
        foreach (var change in FieldDiff.Between(before, after).Where(c => c.Field != "relationships"))
            await upsert.QueueAsync(id, change.Field, revision, author, at);
    }

    /// <summary>A merged-away record's edits count for the survivor, for fields nobody edited there.</summary>
    public static Task CarryOverAsync(WriteSession session, long from, long to) =>
        session.ExecuteAsync("""
            INSERT INTO field_edits (organization_id, field, revision, author, edited_at)
            SELECT @to, field, revision, author, edited_at FROM field_edits WHERE organization_id = @from
            ON CONFLICT (organization_id, field) DO NOTHING
            """, new { from, to });

    public static async Task<Dictionary<string, FieldEdit>> OfOrganizationAsync(WriteSession session, long id)
    {
        var edits = new Dictionary<string, FieldEdit>();
        await using var reader = await session.Command(
            "SELECT organization_id, field, revision, author, edited_at FROM field_edits WHERE organization_id = @id", "@id").ReadAsync(id);
        while (await reader.ReadAsync()) { var e = Read(reader); edits[e.Field] = e; }
        return edits;
    }

    public static async Task<ILookup<long, FieldEdit>> OfOrganizationsAsync(DbConnection connection, IReadOnlyCollection<long> ids)
    {
        var parameters = new DynamicParameters();
        var rows = new List<(long, FieldEdit)>();
        await using var reader = await connection.ExecuteReaderAsync(
            $"SELECT organization_id, field, revision, author, edited_at FROM field_edits WHERE {SqlList.In("organization_id", "id", ids, parameters)}", parameters);
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), Read(reader)));
        return rows.ToLookup(r => r.Item1, r => r.Item2);
    }

    private static FieldEdit Read(DbDataReader r) =>
        new(r.GetString(1), Convert.ToInt32(r.GetValue(2)), r.GetString(3), DateTimeOffset.Parse(r.GetString(4), System.Globalization.CultureInfo.InvariantCulture));
}
